package io.handshakedoctor.bootstrap;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The static entry points that advice inlined into JSSE calls. Each forwards to the agent's
 * listener, if one is installed, and never lets a throwable escape into the host.
 */
public final class HandshakeHooks {
  private static volatile HandshakeListener listener;
  private static volatile Consumer<String> classDefinitions;
  private static final AtomicLong suppressedErrors = new AtomicLong();
  private static final AtomicLong internalErrors = new AtomicLong();

  private HandshakeHooks() {}

  /** Installs the agent's listener; {@code null} turns every hook into a no-op. */
  public static void install(HandshakeListener newListener) {
    listener = newListener;
  }

  /**
   * Hands the name of every class a class loader is about to define to {@code watcher}, until it
   * is set to {@code null} again: how the agent learns that a TLS library's engine is about to
   * load without keeping a class file transformer registered (docs/design.md, "Class loaders").
   */
  public static void watchClassDefinitions(Consumer<String> watcher) {
    classDefinitions = watcher;
  }

  /**
   * {@code ClassLoader.defineClass} is about to define {@code name} (a binary name, or null when the
   * caller let the class file name it). One volatile read when nothing watches.
   */
  public static void classDefining(String name) {
    Consumer<String> watcher = classDefinitions;
    if (watcher == null || name == null) {
      return;
    }
    try {
      watcher.accept(name);
    } catch (Throwable t) {
      HandshakeListener l = listener;
      if (l != null) {
        suppressed(l, "classDefining", t);
      } else {
        suppressedErrors.incrementAndGet();
        internalErrors.incrementAndGet();
      }
    }
  }

  /** Errors caught inside hooks since start-up (also counted when the listener itself failed). */
  public static long suppressedErrors() {
    return suppressedErrors.get();
  }

  /**
   * Every fault of the agent's own since start-up, wherever it was caught (a hook, the failure
   * pipeline, an output, the class file transformer); the host was unaffected by each. Zero in a
   * healthy run. Readable by anyone (this class is in the boot loader): the shutdown summary and
   * metrics report it.
   */
  public static long internalErrors() {
    return internalErrors.get();
  }

  /** Counts one fault of the agent's own (called by the agent's error reporter). */
  public static void internalErrorReported() {
    internalErrors.incrementAndGet();
  }

  public static void handshakeStarted(
      Object handshakeContext, Object transportContext, Object handshakeOutput) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.handshakeStarted(handshakeContext, transportContext, handshakeOutput);
    } catch (Throwable t) {
      suppressed(l, "handshakeStarted", t);
    }
  }

  public static void outboundHandshakeMessage(Object handshakeOutput, byte[] buf, int count) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.outboundHandshakeMessage(handshakeOutput, buf, count);
    } catch (Throwable t) {
      suppressed(l, "outboundHandshakeMessage", t);
    }
  }

  public static void inboundHandshakeMessage(Object handshakeContext, byte type, ByteBuffer body) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.inboundHandshakeMessage(handshakeContext, type, body);
    } catch (Throwable t) {
      suppressed(l, "inboundHandshakeMessage", t);
    }
  }

  public static void certificatesChecking(
      Object handshakeContext, Object chain, boolean peerIsServer) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.certificatesChecking(handshakeContext, chain, peerIsServer);
    } catch (Throwable t) {
      suppressed(l, "certificatesChecking", t);
    }
  }

  public static void certificatesChecked(
      Object handshakeContext, Object chain, Throwable thrown, boolean peerIsServer) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.certificatesChecked(handshakeContext, chain, thrown, peerIsServer);
    } catch (Throwable t) {
      suppressed(l, "certificatesChecked", t);
    }
  }

  public static void clientCredentialsChosen(
      Object handshakeContext, String[] keyTypes, Object possession) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.clientCredentialsChosen(handshakeContext, keyTypes, possession);
    } catch (Throwable t) {
      suppressed(l, "clientCredentialsChosen", t);
    }
  }

  public static void fatalStarted(
      Object transportContext,
      Object alert,
      String diagnostic,
      boolean alertReceived,
      Throwable cause,
      Object handshakeContext) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.fatalStarted(transportContext, alert, diagnostic, alertReceived, cause, handshakeContext);
    } catch (Throwable t) {
      suppressed(l, "fatalStarted", t);
    }
  }

  public static void fatalThrown(Object transportContext, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.fatalThrown(transportContext, thrown);
    } catch (Throwable t) {
      suppressed(l, "fatalThrown", t);
    }
  }

  public static void handshakeFinished(Object transportContext) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.handshakeFinished(transportContext);
    } catch (Throwable t) {
      suppressed(l, "handshakeFinished", t);
    }
  }

  public static void handshakeInterrupted(Object transportContext, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.handshakeInterrupted(transportContext, thrown);
    } catch (Throwable t) {
      suppressed(l, "handshakeInterrupted", t);
    }
  }

  public static void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.handshakeAbandoned(engine, reported, cause);
    } catch (Throwable t) {
      suppressed(l, "handshakeAbandoned", t);
    }
  }

  public static void applicationDataFailed(Object engineOrSocket, Throwable failure) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.applicationDataFailed(engineOrSocket, failure);
    } catch (Throwable t) {
      suppressed(l, "applicationDataFailed", t);
    }
  }

  public static void engineUnwrapping(
      Object transportContext, ByteBuffer[] sources, int offset, int length) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.engineUnwrapping(transportContext, sources, offset, length);
    } catch (Throwable t) {
      suppressed(l, "engineUnwrapping", t);
    }
  }

  public static void engineCreated(Object engine, Object transportContext) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.engineCreated(engine, transportContext);
    } catch (Throwable t) {
      suppressed(l, "engineCreated", t);
    }
  }

  /**
   * gRPC's TLS negotiator for a new connection ({@code ProtocolNegotiators$ClientTlsHandler}) was made, on the
   * thread that starts the connection for a call.
   */
  public static void clientTransportStarting(Object negotiator) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.clientTransportStarting(negotiator);
    } catch (Throwable t) {
      suppressed(l, "clientTransportStarting", t);
    }
  }

  /** {@code negotiator} starts making its connection's engine on this thread (gRPC's event loop). */
  public static void clientTransportEngineCreating(Object negotiator) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.clientTransportEngineCreating(negotiator);
    } catch (Throwable t) {
      suppressed(l, "clientTransportEngineCreating", t);
    }
  }

  /** {@code negotiator} is done making its connection's engine (or failed to). */
  public static void clientTransportEngineCreated(Object negotiator) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.clientTransportEngineCreated(negotiator);
    } catch (Throwable t) {
      suppressed(l, "clientTransportEngineCreated", t);
    }
  }

  /**
   * A native (OpenSSL/BoringSSL) SSLEngine was created: netty-tcnative's engine, also under
   * gRPC's relocated package. Its handshake starts with its first wrap or unwrap.
   */
  public static void nativeEngineCreated(Object engine) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeEngineCreated(engine);
    } catch (Throwable t) {
      suppressed(l, "nativeEngineCreated", t);
    }
  }

  /** Netty's {@code SslHandler} over {@code engine} joined its channel; {@code channelContext} is its context. */
  public static void nettyHandlerAdded(Object engine, Object channelContext) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nettyHandlerAdded(engine, channelContext);
    } catch (Throwable t) {
      suppressed(l, "nettyHandlerAdded", t);
    }
  }

  /** Netty's {@code SslHandler} is failing {@code engine}'s handshake for {@code cause}. */
  public static void nettyHandshakeFailing(Object engine, Object channelContext, Throwable cause) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nettyHandshakeFailing(engine, channelContext, cause);
    } catch (Throwable t) {
      suppressed(l, "nettyHandshakeFailing", t);
    }
  }

  /** A native engine is about to wrap into {@code destination}. */
  public static void nativeEngineWrapping(Object engine, ByteBuffer destination) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeEngineWrapping(engine, destination);
    } catch (Throwable t) {
      suppressed(l, "nativeEngineWrapping", t);
    }
  }

  /** A native engine's wrap returned {@code result} or threw {@code thrown}. */
  public static void nativeEngineWrapped(
      Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeEngineWrapped(engine, destination, result, thrown);
    } catch (Throwable t) {
      suppressed(l, "nativeEngineWrapped", t);
    }
  }

  /** A native engine is about to unwrap {@code sources[offset, offset+length)}. */
  public static void nativeEngineUnwrapping(
      Object engine, ByteBuffer[] sources, int offset, int length) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeEngineUnwrapping(engine, sources, offset, length);
    } catch (Throwable t) {
      suppressed(l, "nativeEngineUnwrapping", t);
    }
  }

  /** A native engine's unwrap returned {@code result} or threw {@code thrown}. */
  public static void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
    } catch (Throwable t) {
      suppressed(l, "nativeEngineUnwrapped", t);
    }
  }

  /**
   * A native client engine was asked for a certificate ({@code issuers}: the server's acceptable
   * issuers, DER-encoded names, as a {@code byte[][]}).
   */
  public static void nativeClientCertificateRequested(Object engine, Object issuers) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeClientCertificateRequested(engine, issuers);
    } catch (Throwable t) {
      suppressed(l, "nativeClientCertificateRequested", t);
    }
  }

  /**
   * A native socket's handshake (Conscrypt's file-descriptor socket, where BoringSSL reads and
   * writes the socket itself) threw {@code thrown}; its trust manager calls arrived earlier with
   * the socket as the context.
   */
  public static void nativeSocketHandshakeFailed(Object socket, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.nativeSocketHandshakeFailed(socket, thrown);
    } catch (Throwable t) {
      suppressed(l, "nativeSocketHandshakeFailed", t);
    }
  }

  /**
   * HttpsURLConnection's own host name check (its {@code HostnameVerifier} included) rejected the
   * host after the handshake; {@code session} is the connection's {@code SSLSession}.
   */
  public static void hostnameRejected(Object verifier, Object session, Throwable thrown) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.hostnameRejected(verifier, session, thrown);
    } catch (Throwable t) {
      suppressed(l, "hostnameRejected", t);
    }
  }

  /**
   * An {@code SSLPeerUnverifiedException} was just constructed: OkHttp, HttpClient 5 and most
   * applications make one when a {@code HostnameVerifier} rejects the host after the handshake.
   */
  public static void peerUnverified(Throwable exception) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.peerUnverified(exception);
    } catch (Throwable t) {
      suppressed(l, "peerUnverified", t);
    }
  }


  /**
   * BouncyCastle JSSE raised an alert on {@code connection} (its socket or engine): what it tells
   * the peer and why ({@code cause} is what the handshake throws).
   */
  public static void bcAlertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.bcAlertRaised(connection, client, level, description, message, cause);
    } catch (Throwable t) {
      suppressed(l, "bcAlertRaised", t);
    }
  }

  /** BouncyCastle JSSE received an alert on {@code connection}. */
  public static void bcAlertReceived(Object connection, boolean client, short level, short description) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.bcAlertReceived(connection, client, level, description);
    } catch (Throwable t) {
      suppressed(l, "bcAlertReceived", t);
    }
  }

  /**
   * BouncyCastle JSSE's key manager was asked for a client key (the server sent a
   * CertificateRequest) and chose {@code chosen} (null: none).
   */
  public static void bcClientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.bcClientKeyChosen(connection, keyTypes, issuers, chosen);
    } catch (Throwable t) {
      suppressed(l, "bcClientKeyChosen", t);
    }
  }

  /** BouncyCastle made the exception for a fatal alert it received, on the handshake's thread. */
  public static void bcFatalAlertReceivedThrown(Throwable exception) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.bcFatalAlertReceivedThrown(exception);
    } catch (Throwable t) {
      suppressed(l, "bcFatalAlertReceivedThrown", t);
    }
  }

  /**
   * A BouncyCastle JSSE {@code SSLEngine} whose handshake has not completed is about to read
   * {@code source}.
   */
  public static void bcEngineUnwrapping(Object engine, ByteBuffer source) {
    HandshakeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.bcEngineUnwrapping(engine, source);
    } catch (Throwable t) {
      suppressed(l, "bcEngineUnwrapping", t);
    }
  }

  private static void suppressed(HandshakeListener l, String where, Throwable t) {
    suppressedErrors.incrementAndGet();
    try {
      l.internalError(where, t);
    } catch (Throwable ignored) {
      // The listener cannot even report its own failure: count it here instead.
      internalErrors.incrementAndGet();
    }
  }
}
