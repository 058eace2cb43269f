package io.handshakedoctor.samples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-scenario server on 127.0.0.1 with an ephemeral port. Accepts on a daemon thread, handles
 * each connection on its own daemon thread with a bounded read timeout, and remembers the first
 * exception a connection handler threw (that is the "server:" part of the output line).
 */
abstract class LoopbackServer implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    protected final int timeoutMs;
    private final ServerSocket serverSocket;
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final AtomicInteger activeConnections = new AtomicInteger();
    private volatile boolean closed;

    protected LoopbackServer(ServerSocket serverSocket, int timeoutMs) {
        this.serverSocket = serverSocket;
        this.timeoutMs = timeoutMs;
    }

    static InetAddress loopback() throws IOException {
        return InetAddress.getByName("127.0.0.1");
    }

    /** Binds a plain server socket; a bind failure is a harness error and propagates. */
    static ServerSocket bindPlain() throws IOException {
        return new ServerSocket(0, 50, loopback());
    }

    /** Handles one accepted connection; anything thrown is recorded as the server-side error. */
    protected abstract void handle(Socket socket) throws Exception;

    LoopbackServer start() {
        Thread acceptor = new Thread(this::acceptLoop, getClass().getSimpleName() + "-accept-" + IDS.incrementAndGet());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    Throwable firstError() {
        return firstError.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by close(); anything else ends the scenario's server too
            }
            activeConnections.incrementAndGet();
            Thread handler = new Thread(() -> serve(socket), getClass().getSimpleName() + "-conn-" + IDS.incrementAndGet());
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(timeoutMs);
            handle(socket);
        } catch (Throwable t) {
            if (!closed) {
                firstError.compareAndSet(null, t);
            }
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            synchronized (activeConnections) {
                activeConnections.decrementAndGet();
                activeConnections.notifyAll();
            }
        }
    }

    /** After the client is done, give the server side a moment to record how it saw the failure. */
    void awaitIdle(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        synchronized (activeConnections) {
            long left;
            while (activeConnections.get() > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                activeConnections.wait(left);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
