package io.handshakedoctor.samples;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** HTTPS server on loopback: handshake, read one request head, answer 200, close. */
final class TlsServer {

    private TlsServer() {
    }

    /**
     * @param kind      "socket" (SSLServerSocket) or "engine" (SSLEngine over accepted sockets)
     * @param configure applied to the server's SSLParameters (protocols, suites, SNI matchers, ALPN, client auth)
     */
    static LoopbackServer start(String kind, SSLContext context, Consumer<SSLParameters> configure, int timeoutMs)
            throws Exception {
        if ("engine".equals(kind)) {
            return new EngineServer(LoopbackServer.bindPlain(), context, configure, timeoutMs).start();
        }
        ServerSocket serverSocket = context.getServerSocketFactory().createServerSocket(0, 50, LoopbackServer.loopback());
        return new SocketServer((SSLServerSocket) serverSocket, configure, timeoutMs).start();
    }

    /** The classic blocking JSSE server: SSLServerSocket.accept() hands out SSLSockets. */
    private static final class SocketServer extends LoopbackServer {
        private final Consumer<SSLParameters> configure;

        SocketServer(SSLServerSocket serverSocket, Consumer<SSLParameters> configure, int timeoutMs) {
            super(serverSocket, timeoutMs);
            this.configure = configure;
        }

        @Override
        protected void handle(Socket socket) throws Exception {
            SSLSocket ssl = (SSLSocket) socket;
            SSLParameters parameters = ssl.getSSLParameters();
            configure.accept(parameters);
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            InputStream in = ssl.getInputStream();
            MiniHttp.readHead(in);
            OutputStream out = ssl.getOutputStream();
            out.write(MiniHttp.okResponse());
            out.flush();
            ssl.close();
        }
    }

    /** The framework-style server: a server-mode SSLEngine per accepted TCP connection. */
    private static final class EngineServer extends LoopbackServer {
        private final SSLContext context;
        private final Consumer<SSLParameters> configure;

        EngineServer(ServerSocket serverSocket, SSLContext context, Consumer<SSLParameters> configure, int timeoutMs) {
            super(serverSocket, timeoutMs);
            this.context = context;
            this.configure = configure;
        }

        @Override
        protected void handle(Socket socket) throws Exception {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            SSLParameters parameters = engine.getSSLParameters();
            configure.accept(parameters);
            engine.setSSLParameters(parameters);
            try (EngineTransport transport = new EngineTransport(engine, socket)) {
                transport.handshake();
                MiniHttp.readHead(transport.inputStream());
                transport.write(MiniHttp.okResponse());
            }
        }
    }
}
