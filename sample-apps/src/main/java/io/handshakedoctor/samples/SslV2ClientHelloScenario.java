package io.handshakedoctor.samples;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An old client that sends its ClientHello in the SSLv2 record format (as Java 6 with SSLv2Hello
 * enabled did) to a JSSE server that does not enable SSLv2Hello. The client is raw bytes, so
 * only the plain socket client path runs it.
 */
final class SslV2ClientHelloScenario implements Scenario {

    /** SSLv2 CLIENT-HELLO offering TLS 1.0 and TLS_RSA_WITH_AES_128_CBC_SHA, 16-byte challenge. */
    private static final byte[] SSLV2_HELLO = {
        (byte) 0x80, 0x1c,                  // 2-byte header, record length 28
        0x01,                               // CLIENT-HELLO
        0x03, 0x01,                         // highest version: TLS 1.0
        0x00, 0x03,                         // cipher specs length
        0x00, 0x00,                         // session id length
        0x00, 0x10,                         // challenge length
        0x00, 0x00, 0x2f,                   // TLS_RSA_WITH_AES_128_CBC_SHA
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
    };

    private static final int FIRST_HANDSHAKE_ALLOWANCE = 5;

    @Override
    public String name() {
        return "sslv2_client_hello";
    }

    @Override
    public String description() {
        return "a raw client sends an SSLv2-format ClientHello; the JSSE server does not enable SSLv2Hello (socket client path only)";
    }

    @Override
    public ScenarioResult run(Options options) throws Exception {
        if (!"socket".equals(options.client())) {
            return ScenarioResult.skipped("the SSLv2 hello is written as raw bytes on a plain socket");
        }
        try (LoopbackServer server = TlsServer.start(options.server(),
                Tls.serverContext(TestPki.shared().leaf("localhost").build()), p -> { }, options.timeoutMs())) {
            Throwable clientError = null;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LoopbackServer.loopback(), server.port()), options.timeoutMs());
                // the server's first handshake in this JVM pays for loading (and an agent's weaving of) JSSE
                socket.setSoTimeout(options.timeoutMs() * FIRST_HANDSHAKE_ALLOWANCE);
                OutputStream out = socket.getOutputStream();
                out.write(SSLV2_HELLO);
                out.flush();
                InputStream in = socket.getInputStream();
                if (in.read() < 0) {
                    clientError = new java.io.EOFException("server closed the connection after the SSLv2 hello");
                } else {
                    clientError = new java.io.IOException("server answered the SSLv2 hello with an alert");
                }
            } catch (java.io.IOException e) {
                clientError = e;
            }
            server.awaitIdle(1500);
            return ScenarioResult.of(clientError, server.firstError());
        }
    }
}
