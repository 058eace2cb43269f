package io.handshakedoctor.samples;

import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Client-mode SSLEngine driven over a TCP socket; the socket read timeout is the handshake deadline. */
final class EngineClient implements ClientPath {

    @Override
    public void exchange(ClientRequest request) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(request.host, request.port), request.timeoutMs);
        socket.setSoTimeout(request.timeoutMs);
        // Host and port let JSSE derive SNI and the endpoint identity, as frameworks do.
        SSLEngine engine = request.context.createSSLEngine(request.host, request.port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        request.configure.accept(parameters);
        engine.setSSLParameters(parameters);
        try (EngineTransport transport = new EngineTransport(engine, socket)) {
            transport.handshake();
            transport.write(MiniHttp.request(request.host, request.port));
            MiniHttp.readOkResponse(transport.inputStream());
        }
    }
}
