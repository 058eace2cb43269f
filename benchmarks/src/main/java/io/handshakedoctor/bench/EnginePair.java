package io.handshakedoctor.bench;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server SSLEngine in one thread, talking through two in-memory buffers, with
 * delegated tasks run inline. No peer host is given to the client, so JSSE never resumes a
 * session: every handshake is a full one.
 */
final class EnginePair {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  final SSLEngine client;
  final SSLEngine server;
  private final ByteBuffer clientToServer;
  private final ByteBuffer serverToClient;
  private final ByteBuffer clientApp;
  private final ByteBuffer serverApp;
  SSLException clientFailure;
  SSLException serverFailure;

  EnginePair(SSLContext clientContext, SSLContext serverContext, String clientProtocol, String serverProtocol) {
    this(clientContext, serverContext, clientProtocol, serverProtocol, 1 << 17);
  }

  /** {@code bufferSize} per direction and side: 20 KiB holds any handshake flight used here. */
  EnginePair(
      SSLContext clientContext,
      SSLContext serverContext,
      String clientProtocol,
      String serverProtocol,
      int bufferSize) {
    clientToServer = ByteBuffer.allocate(bufferSize);
    serverToClient = ByteBuffer.allocate(bufferSize);
    clientApp = ByteBuffer.allocate(bufferSize);
    serverApp = ByteBuffer.allocate(bufferSize);
    client = clientContext.createSSLEngine();
    client.setUseClientMode(true);
    server = serverContext.createSSLEngine();
    server.setUseClientMode(false);
    if (clientProtocol != null) {
      client.setEnabledProtocols(new String[] {clientProtocol});
    }
    if (serverProtocol != null) {
      server.setEnabledProtocols(new String[] {serverProtocol});
    }
  }

  /** A fresh pair trusting each other, both limited to {@code protocol}. */
  static EnginePair healthy(String protocol) throws Exception {
    Pki pki = Pki.shared();
    return new EnginePair(pki.trustingClient, pki.server, protocol, protocol);
  }

  /** Runs the handshake to its end; true when both sides completed it, false when either failed. */
  boolean handshake() throws SSLException {
    client.beginHandshake();
    server.beginHandshake();
    return drive(Integer.MAX_VALUE);
  }

  /** Runs at most {@code steps} rounds of both sides; true when both have finished without failing. */
  boolean drive(int steps) {
    for (int i = 0; i < steps; i++) {
      boolean progressed = advance(true) | advance(false);
      if (!progressed) {
        break;
      }
    }
    return clientFailure == null
        && serverFailure == null
        && !handshaking(client)
        && !handshaking(server);
  }

  private static boolean handshaking(SSLEngine engine) {
    HandshakeStatus hs = engine.getHandshakeStatus();
    return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
  }

  /** Moves one side as far as it can go without the other; true if it did anything. */
  private boolean advance(boolean isClient) {
    SSLEngine engine = isClient ? client : server;
    ByteBuffer in = isClient ? serverToClient : clientToServer;
    ByteBuffer out = isClient ? clientToServer : serverToClient;
    ByteBuffer app = isClient ? clientApp : serverApp;
    boolean progressed = false;
    try {
      for (int guard = 0; guard < 64; guard++) {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
          progressed = true;
        } else if (hs == HandshakeStatus.NEED_WRAP) {
          SSLEngineResult r = engine.wrap(EMPTY, out);
          progressed = true;
          if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
            return progressed;
          }
        } else if (in.position() > 0 && !engine.isInboundDone()) {
          in.flip();
          app.clear();
          SSLEngineResult r;
          try {
            r = engine.unwrap(in, app);
          } finally {
            in.compact();
          }
          if (r.bytesConsumed() == 0 && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK
              && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
            return progressed;
          }
          progressed = true;
        } else {
          return progressed;
        }
      }
    } catch (SSLException e) {
      if (isClient) {
        if (clientFailure == null) {
          clientFailure = e;
        }
      } else if (serverFailure == null) {
        serverFailure = e;
      }
      return true; // the engine now wants to wrap its alert, if it has one
    }
    return progressed;
  }

  /** After a healthy handshake: one application record client to server, {@code data} sized. */
  void clientToServer(ByteBuffer data) throws SSLException {
    clientToServer.clear();
    data.rewind();
    client.wrap(data, clientToServer);
    clientToServer.flip();
    serverApp.clear();
    server.unwrap(clientToServer, serverApp);
    if (clientToServer.hasRemaining()) {
      throw new IllegalStateException("record not consumed in one unwrap");
    }
    clientToServer.clear();
  }

  /**
   * Closes the connection cleanly: close_notify from the client, then the server's (TLS 1.3 does
   * not answer one by itself).
   */
  boolean close() {
    client.closeOutbound();
    drive(Integer.MAX_VALUE);
    server.closeOutbound();
    drive(Integer.MAX_VALUE);
    return client.isOutboundDone() && client.isInboundDone()
        && server.isOutboundDone() && server.isInboundDone();
  }

  /** Forgets the session on both sides (no resumption, nothing kept in the session caches). */
  void invalidate() {
    client.getSession().invalidate();
    server.getSession().invalidate();
  }
}
