package io.handshakedoctor.samples;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain TCP peers that are not (or stop being) TLS servers. */
final class MisbehavingTcpServer extends LoopbackServer {

    enum Behavior {
        /** Answers anything with an HTTP 400, like a plain-HTTP port hit with HTTPS. */
        PLAIN_HTTP,
        /** Reads the ClientHello record, then aborts with a TCP RST (SO_LINGER 0), like a middlebox. */
        RESET_AFTER_CLIENT_HELLO,
        /** Accepts and never says a word, like a black-holing firewall or a stuck server. */
        SILENT
    }

    private final Behavior behavior;

    private MisbehavingTcpServer(Behavior behavior, int timeoutMs) throws Exception {
        super(bindPlain(), timeoutMs);
        this.behavior = behavior;
    }

    static LoopbackServer start(Behavior behavior, int timeoutMs) throws Exception {
        return new MisbehavingTcpServer(behavior, timeoutMs).start();
    }

    @Override
    protected void handle(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        switch (behavior) {
            case PLAIN_HTTP:
                in.read(new byte[1024]); // whatever arrives: it is not HTTP we understand
                OutputStream out = socket.getOutputStream();
                String body = "<html><body><h1>400 Bad Request</h1>The plain HTTP request was sent to HTTPS port</body></html>\n";
                out.write(("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
                drainBriefly(in);
                break;
            case RESET_AFTER_CLIENT_HELLO:
                readOneTlsRecord(in);
                socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                break;
            case SILENT:
                // Hold the connection open until the client gives up (EOF); our own limit is
                // well past the client's so that it is really the client's timeout that fires.
                socket.setSoTimeout(timeoutMs * 2 + 1000);
                drainBriefly(in);
                break;
            default:
                throw new IllegalStateException(behavior.name());
        }
    }

    /** TLS record header: type(1) version(2) length(2), then the body. */
    private static void readOneTlsRecord(InputStream in) throws Exception {
        byte[] header = in.readNBytes(5);
        if (header.length == 5) {
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            in.readNBytes(length);
        }
    }

    private static void drainBriefly(InputStream in) {
        try {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (Exception ignored) {
            // timeout or reset: the client is done with us
        }
    }
}
