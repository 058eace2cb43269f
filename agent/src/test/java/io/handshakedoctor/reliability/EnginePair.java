package io.handshakedoctor.reliability;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Drives a client and a server SSLEngine against each other in memory until the handshake
 * completes or one side throws. Delegated tasks run inline, or on {@code executor} when given (as
 * Netty and HttpClient do), so a handshake's hooks fire on more than one thread.
 */
final class EnginePair {
  private EnginePair() {}

  /** Null when the handshake completed; otherwise the client's exception (or the server's). */
  static SSLException handshake(SSLEngine client, SSLEngine server, ExecutorService executor)
      throws Exception {
    return handshake(client, server, executor, null);
  }

  /** As above; when it completes and {@code data} is given, sends it each way as application data. */
  static SSLException handshake(SSLEngine client, SSLEngine server, ExecutorService executor, String data)
      throws Exception {
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
    ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
    ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
    client.beginHandshake();
    server.beginHandshake();
    SSLException clientFailure = null;
    SSLException serverFailure = null;
    for (int round = 0; round < 200; round++) {
      boolean progress = false;
      if (clientFailure == null) {
        try {
          progress |= step(client, empty, toServer, toClient, app, executor);
        } catch (SSLException e) {
          clientFailure = e;
          flushAlert(client, toServer);
        }
      }
      if (serverFailure == null) {
        try {
          progress |= step(server, empty, toClient, toServer, app, executor);
        } catch (SSLException e) {
          serverFailure = e;
          flushAlert(server, toClient);
        }
      }
      if (clientFailure != null && (serverFailure != null || !toServer.hasRemaining() && toServer.position() == 0)) {
        break;
      }
      if (done(client) && done(server)) {
        if (data != null) {
          sendData(client, server, toServer, data, app);
          sendData(server, client, toClient, data, app);
        }
        return null;
      }
      if (!progress && clientFailure == null && serverFailure == null && done(client) && done(server)) {
        return null;
      }
      if (clientFailure != null && serverFailure != null) {
        break;
      }
    }
    if (clientFailure == null && serverFailure == null && !(done(client) && done(server))) {
      throw new IllegalStateException("handshake stalled");
    }
    return clientFailure != null ? clientFailure : serverFailure;
  }

  private static void sendData(SSLEngine from, SSLEngine to, ByteBuffer wire, String data, ByteBuffer app)
      throws SSLException {
    from.wrap(ByteBuffer.wrap(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)), wire);
    wire.flip();
    while (wire.hasRemaining()) {
      app.clear();
      if (to.unwrap(wire, app).bytesConsumed() == 0) {
        break;
      }
    }
    wire.compact();
    app.clear();
  }

  private static boolean done(SSLEngine e) {
    SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
    return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
        || s == SSLEngineResult.HandshakeStatus.FINISHED;
  }

  /** One wrap or unwrap as the engine asks; true when something moved. */
  private static boolean step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in,
      ByteBuffer app, ExecutorService executor) throws Exception {
    boolean progress = false;
    for (int i = 0; i < 8; i++) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP:
          engine.wrap(empty, out);
          progress = true;
          break;
        case NEED_UNWRAP:
        case NEED_UNWRAP_AGAIN:
          in.flip();
          SSLEngineResult r = engine.unwrap(in, app);
          in.compact();
          app.clear();
          if (r.bytesConsumed() == 0 && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
            return progress;
          }
          progress = true;
          break;
        case NEED_TASK:
          runTasks(engine, executor);
          progress = true;
          break;
        default:
          return progress;
      }
    }
    return progress;
  }

  private static void runTasks(SSLEngine engine, ExecutorService executor) throws Exception {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      if (executor == null) {
        task.run();
      } else {
        Future<?> f = executor.submit(task);
        f.get();
      }
    }
  }

  private static void flushAlert(SSLEngine engine, ByteBuffer out) {
    try {
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        engine.wrap(ByteBuffer.allocate(0), out);
      }
    } catch (Exception ignored) {
      // the alert is a courtesy; the failure is already known
    }
  }
}
