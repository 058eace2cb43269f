package io.handshakedoctor.bootstrap;

import java.nio.ByteBuffer;

/**
 * What the agent does with each JSSE event. Lives on the boot class path so advice inlined into
 * {@code java.base} can reach it; implemented by the agent in its own class loader. JSSE's internal
 * types are passed as {@code Object} because this interface must not name them.
 */
public interface HandshakeListener {

  /** A client or server handshake context was created: a handshake is starting. */
  void handshakeStarted(Object handshakeContext, Object transportContext, Object handshakeOutput);

  /** One whole outbound handshake message ({@code type|len24|body}) in {@code buf[0, count)}. */
  void outboundHandshakeMessage(Object handshakeOutput, byte[] buf, int count);

  /** One inbound handshake message body (after its 4-byte header). */
  void inboundHandshakeMessage(Object handshakeContext, byte type, ByteBuffer body);

  /**
   * JSSE is about to ask the trust manager about the peer's chain ({@code chain} is null when JSSE
   * builds it inside the call). A rejection reaches {@code fatal} before the call returns.
   */
  void certificatesChecking(Object handshakeContext, Object chain, boolean peerIsServer);

  /** The trust manager accepted the peer's chain (or threw {@code thrown}). */
  void certificatesChecked(
      Object handshakeContext, Object chain, Throwable thrown, boolean peerIsServer);

  /** JSSE asked the key manager for a client certificate; {@code possession} null means none. */
  void clientCredentialsChosen(Object handshakeContext, String[] keyTypes, Object possession);

  /** The first fatal error of a connection, before JSSE clears its handshake state. */
  void fatalStarted(
      Object transportContext,
      Object alert,
      String diagnostic,
      boolean alertReceived,
      Throwable cause,
      Object handshakeContext);

  /** The exception the first fatal error throws to the application. */
  void fatalThrown(Object transportContext, Throwable thrown);

  /** The handshake completed. */
  void handshakeFinished(Object transportContext);

  /** A socket handshake stopped on a timeout or interrupt, which JSSE does not treat as fatal. */
  void handshakeInterrupted(Object transportContext, Throwable thrown);

  /**
   * A client library gave up on an engine's handshake because the connection under it ended
   * (reset, end of stream, timeout): JSSE itself is never told. {@code reported} is the exception
   * the library made of it, {@code cause} what the transport said (may be null).
   */
  void handshakeAbandoned(Object engine, Throwable reported, Throwable cause);

  /**
   * A transport failed, and JSSE may never be told: a plain socket stream threw a {@code
   * SocketException} ({@code engineOrSocket} is the socket: an {@code SSLSocket} itself, or the
   * socket an application drives its {@code SSLEngine} over), or java.net.http's tube under an
   * engine reported an error ({@code failure}) or the end of the stream ({@code failure} null;
   * {@code engineOrSocket} is the engine). Called only on these failures, never on the data path.
   */
  void applicationDataFailed(Object engineOrSocket, Throwable failure);

  /** An SSLEngine is about to unwrap network bytes. */
  void engineUnwrapping(Object transportContext, ByteBuffer[] sources, int offset, int length);

  /**
   * An SSLEngine was created, on the thread that created it (for asynchronous clients, the thread
   * that still carries the request's context; its handshake runs later, elsewhere).
   */
  void engineCreated(Object engine, Object transportContext);

  /**
   * A client library is starting a connection for a call, on the call's thread, which still carries the call's
   * context; the connection's engine is made later on another thread, between {@link
   * #clientTransportEngineCreating} and {@link #clientTransportEngineCreated} for the same {@code negotiator}.
   * gRPC's Netty transport: its per-connection TLS negotiator ({@code ProtocolNegotiators$ClientTlsHandler}) is
   * made when the transport starts, and makes its engine on the transport's event loop.
   */
  void clientTransportStarting(Object negotiator);

  /** {@code negotiator} (see {@link #clientTransportStarting}) starts making its engine on this thread. */
  void clientTransportEngineCreating(Object negotiator);

  /** {@code negotiator} is done making its engine on this thread (returned or threw). */
  void clientTransportEngineCreated(Object negotiator);

  /**
   * A native engine (netty-tcnative's OpenSSL/BoringSSL engine, Conscrypt's) was created. The
   * native engine's events carry the engine itself; its trust manager calls arrive through
   * {@link #certificatesChecking} and {@link #certificatesChecked} with the engine as the context.
   */
  void nativeEngineCreated(Object engine);

  /**
   * Netty's {@code SslHandler} over {@code engine} (any provider's) joined its channel's pipeline; {@code
   * channelContext} is the handler's {@code ChannelHandlerContext}, whose channel knows the peer's address (a
   * server's engine is made without it).
   */
  void nettyHandlerAdded(Object engine, Object channelContext);

  /**
   * Netty's {@code SslHandler} fails the handshake of {@code engine} (any provider's) for a reason of its own,
   * before or without the engine: {@code cause} is e.g. its {@code NotSslRecordException} for a peer whose
   * first bytes are not TLS. {@code channelContext} is the handler's {@code ChannelHandlerContext}.
   */
  default void nettyHandshakeFailing(Object engine, Object channelContext, Throwable cause) {}

  /** A native engine is about to wrap into {@code destination}. */
  void nativeEngineWrapping(Object engine, ByteBuffer destination);

  /** A native engine's wrap returned {@code result} (an SSLEngineResult) or threw. */
  void nativeEngineWrapped(
      Object engine, ByteBuffer destination, Object result, Throwable thrown);

  /** A native engine is about to unwrap {@code sources[offset, offset+length)}. */
  void nativeEngineUnwrapping(
      Object engine, ByteBuffer[] sources, int offset, int length);

  /** A native engine's unwrap returned {@code result} (an SSLEngineResult) or threw. */
  void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown);

  /**
   * A native client engine (Conscrypt's) was asked for a certificate: in TLS 1.3 the server's
   * refusal of what it then sends arrives after the handshake, so its capture waits for it.
   */
  void nativeClientCertificateRequested(Object engine, Object issuers);

  /**
   * A native socket's handshake failed: Conscrypt's file-descriptor socket, whose bytes BoringSSL
   * moves itself (no wrap or unwrap to watch). Its trust manager calls arrive through
   * {@link #certificatesChecked} with the socket as the context.
   */
  void nativeSocketHandshakeFailed(Object socket, Throwable thrown);

  /** HttpsURLConnection's host name check rejected the host after the handshake. */
  void hostnameRejected(Object verifier, Object session, Throwable thrown);

  /** An {@code SSLPeerUnverifiedException} was constructed (not yet thrown). */
  void peerUnverified(Throwable exception);

  /**
   * BouncyCastle JSSE raised an alert on {@code connection} (its SSLSocket or SSLEngine); its trust
   * manager calls arrive through {@link #certificatesChecking} and {@link #certificatesChecked}
   * with the same connection as the context.
   */
  void bcAlertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause);

  /** BouncyCastle JSSE received an alert on {@code connection}. */
  void bcAlertReceived(Object connection, boolean client, short level, short description);

  /**
   * BouncyCastle JSSE asked for a client key: the server's CertificateRequest ({@code keyTypes},
   * {@code issuers} a {@code Principal[]}) and the key chosen, null for none.
   */
  void bcClientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen);

  /** BouncyCastle made the exception for a fatal alert it received (a {@code TlsFatalAlertReceived}). */
  void bcFatalAlertReceivedThrown(Throwable exception);

  /**
   * A BouncyCastle JSSE {@code SSLEngine} whose handshake has not completed is about to read
   * {@code source} (its position at the next record): the peer's bytes, should BC refuse them as
   * not TLS (an engine keeps no copy).
   */
  void bcEngineUnwrapping(Object engine, ByteBuffer source);

  /** An error inside the agent that a hook caught; the host carries on. */
  void internalError(String where, Throwable error);
}
