package io.handshakedoctor.samples;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Drives an {@link SSLEngine} over a blocking socket the way frameworks (Netty, Jetty, gRPC) drive
 * it over NIO: explicit wrap/unwrap, delegated tasks, buffer underflow/overflow handling. Blocking
 * I/O keeps it short; the socket's SO_TIMEOUT bounds every read.
 *
 * <p>When the engine throws, the queued fatal alert is still flushed to the peer (as a careful
 * application would do), so the other side sees "Received fatal alert: ..." rather than an EOF.
 */
public final class EngineTransport implements AutoCloseable {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Network bytes received but not yet unwrapped; kept in write mode. */
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    /** Decrypted application bytes not yet handed out; kept in write mode. */
    private ByteBuffer appIn;
    private boolean inboundClosed;

    public EngineTransport(SSLEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    public void handshake() throws IOException {
        try {
            engine.beginHandshake();
            processHandshake();
        } catch (SSLException e) {
            throw flushAlertAndRethrow(e);
        }
    }

    public void write(byte[] data) throws IOException {
        try {
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                wrap(src);
                processHandshake();
            }
        } catch (SSLException e) {
            throw flushAlertAndRethrow(e);
        }
    }

    /** Like InputStream.read: -1 once the peer's close_notify arrived. */
    int read(byte[] dst, int off, int len) throws IOException {
        try {
            while (appIn.position() == 0) {
                if (inboundClosed) {
                    return -1;
                }
                SSLEngineResult result = unwrap();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    inboundClosed = true;
                }
                // Post-handshake messages (TLS 1.3 NewSessionTicket, alerts) may need work.
                processHandshake();
            }
            appIn.flip();
            int n = Math.min(len, appIn.remaining());
            appIn.get(dst, off, n);
            appIn.compact();
            return n;
        } catch (SSLException e) {
            throw flushAlertAndRethrow(e);
        }
    }

    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return EngineTransport.this.read(b, off, len);
            }
        };
    }

    private void processHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    break;
                case NEED_WRAP:
                    if (wrap(EMPTY).getStatus() == SSLEngineResult.Status.CLOSED && engine.isOutboundDone()) {
                        return;
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (unwrap().getStatus() == SSLEngineResult.Status.CLOSED) {
                        inboundClosed = true;
                        return;
                    }
                    break;
                default: // NOT_HANDSHAKING or FINISHED
                    return;
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                out.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
                out.flush();
            }
            return result;
        }
    }

    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW:
                    if (!receive()) {
                        // Like any engine user: tell the engine the transport is gone. During a
                        // handshake JSSE answers with "closing inbound before receiving peer's close_notify".
                        engine.closeInbound();
                        throw new EOFException("peer closed the connection");
                    }
                    break;
                case BUFFER_OVERFLOW:
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
                    appIn.flip();
                    bigger.put(appIn);
                    appIn = bigger;
                    break;
                default:
                    return result;
            }
        }
    }

    /** Reads more network bytes; false on EOF. */
    private boolean receive() throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    private SSLException flushAlertAndRethrow(SSLException failure) {
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                wrap(EMPTY);
            }
        } catch (Exception ignored) {
            // The peer may already be gone; the original failure is what matters.
        }
        return failure;
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                wrap(EMPTY);
            }
        } catch (Exception ignored) {
            // best effort close_notify
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
