package io.handshakedoctor.samples;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS 1.2 client renegotiates an established connection and the server refuses
 * client-initiated renegotiation ({@code jdk.tls.rejectClientInitiatedRenegotiation=true}, which
 * JSSE reads once: set here before the first handshake of this JVM). Socket client path only:
 * the other paths cannot ask for a renegotiation.
 */
final class ClientRenegotiationRefusedScenario implements Scenario {

    @Override
    public String name() {
        return "client_renegotiation_refused";
    }

    @Override
    public String description() {
        return "TLS 1.2 client renegotiates; the server runs with jdk.tls.rejectClientInitiatedRenegotiation=true (socket client path only)";
    }

    @Override
    public ScenarioResult run(Options options) throws Exception {
        if (!"socket".equals(options.client())) {
            return ScenarioResult.skipped("only an SSLSocket client can start a renegotiation here");
        }
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        TestPki pki = TestPki.shared();
        SSLContext serverContext = Tls.serverContext(pki.leaf("localhost").build());
        SSLContext clientContext = Tls.clientTrusting(pki.rootCa().certificate());
        try (LoopbackServer server = TlsServer.start(options.server(), serverContext,
                p -> p.setProtocols(new String[] {"TLSv1.2"}), options.timeoutMs())) {
            Throwable clientError = null;
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(LoopbackServer.loopback(), server.port()), options.timeoutMs());
                socket.setSoTimeout(options.timeoutMs());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.2"});
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                socket.startHandshake(); // a second handshake on an established TLS 1.2 connection: renegotiation
                OutputStream out = socket.getOutputStream();
                out.write(MiniHttp.request("localhost", server.port()));
                out.flush();
                InputStream in = socket.getInputStream();
                MiniHttp.readHead(in);
            } catch (Exception e) {
                clientError = e;
            }
            server.awaitIdle(1500);
            return ScenarioResult.of(clientError, server.firstError());
        }
    }
}
