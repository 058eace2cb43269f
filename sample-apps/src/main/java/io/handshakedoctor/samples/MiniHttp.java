package io.handshakedoctor.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Just enough HTTP/1.1 for a GET and a 200 response, so every client path can talk to every server. */
final class MiniHttp {

    static final String BODY = "hello from handshake-doctor sample server\n";

    private MiniHttp() {
    }

    static byte[] request(String host, int port) {
        return ("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] okResponse() {
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length()
                + "\r\nConnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads up to the blank line ending the request head (bounded; the caller's socket has a timeout). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] terminator = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("peer closed the connection before sending a complete HTTP request");
            }
            head.write(b);
            matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII.name());
    }

    /** Reads the whole response (the server closes after it) and checks it is our 200. */
    static String readOkResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            response.write(buffer, 0, n);
        }
        String text = response.toString(StandardCharsets.US_ASCII.name());
        checkOk(text.startsWith("HTTP/1.1 200"), text);
        return text;
    }

    static void checkOk(boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException("unexpected HTTP response: " + what);
        }
    }
}
