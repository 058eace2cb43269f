package io.handshakedoctor.samples;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Plain SSLSocket client: connect, explicit handshake, write the request, read the response. */
final class SocketClient implements ClientPath {

    @Override
    public void exchange(ClientRequest request) throws Exception {
        try (SSLSocket socket = (SSLSocket) request.context.getSocketFactory().createSocket()) {
            // Connecting by name makes JSSE send SNI (for dotted names) and check the certificate against it.
            socket.connect(new InetSocketAddress(request.host, request.port), request.timeoutMs);
            socket.setSoTimeout(request.timeoutMs);
            SSLParameters parameters = socket.getSSLParameters();
            request.configure.accept(parameters);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(MiniHttp.request(request.host, request.port));
            socket.getOutputStream().flush();
            MiniHttp.readOkResponse(socket.getInputStream());
        }
    }
}
