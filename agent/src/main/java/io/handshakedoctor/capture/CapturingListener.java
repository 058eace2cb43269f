package io.handshakedoctor.capture;

import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.bcjsse.BcJsseFailures;
import io.handshakedoctor.capture.boringssl.NativeEngineCaptures;
import io.handshakedoctor.capture.conscrypt.ConscryptSocketFailures;
import io.handshakedoctor.capture.netty.NettyHandlerFailures;
import io.handshakedoctor.capture.jsse.JsseConnectionReader;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.io.EOFException;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/**
 * Turns JSSE hook calls into per-connection captures and, when a handshake fails, into one
 * {@link HandshakeEvidence} for the sink. Healthy handshakes cost a registry entry and the copies
 * of their handshake messages into a pooled capture, cleared at {@code finishHandshake}; once
 * warm they allocate nothing.
 */
public final class CapturingListener implements HandshakeListener {
  private static final int PEER_SAMPLE_BYTES = 64;

  private final CaptureRegistry registry;
  private final int maxInFlight;
  private final int byteBudget;
  /** SunJSSE's live state, read at failure time only. */
  private final ConnectionReader connections;
  private final EvidenceAssembler assembler;
  /*
   * The library engines' trackers, each made at its engine's first hook call (a JVM that never
   * loads the engine never makes it); guarded by this for the making, volatile for the reads.
   */
  /** BoringSSL engines (netty-tcnative: Netty, gRPC's shaded copy; Conscrypt): their own captures. */
  private volatile NativeEngineCaptures nativeEngines;
  /** Netty's SslHandler failing a handshake before its engine saw anything (a peer that does not speak TLS). */
  private volatile NettyHandlerFailures nettyHandlers;
  /** BouncyCastle JSSE's sockets and engines: failures from its own alert callbacks. */
  private volatile BcJsseFailures bcJsse;
  /** Conscrypt's file-descriptor sockets (its engines and engine sockets are native engines). */
  private volatile ConscryptSocketFailures conscryptSockets;
  private final FailureSink sink;
  private final InternalErrorReporter errors;
  /** The peer inventory's sink, null when off; its recorder is made at the first successful handshake. */
  private final HealthyHandshakeSink healthySink;
  private volatile HealthyHandshakeRecorder healthy;
  private final HostnameVerifications hostnameVerifications;
  /** The request each connection serves, carried to the outputs with its failure. */
  private final RequestContexts requestContexts;
  /**
   * Per thread: the connection whose handshake it finished last among those kept for the server's
   * verdict (set only then: a client that was asked for a certificate; weakly, so a thread that
   * stays idle keeps no closed connection alive); see {@link #finishedHere}.
   */
  private final ThreadLocal<Object[]> retiredHere = new ThreadSlot();
  /** Failures being diagnosed and written right now (their captures already left the registry). */
  private final java.util.concurrent.atomic.AtomicInteger reporting = new java.util.concurrent.atomic.AtomicInteger();

  public CapturingListener(
      int maxInFlight, int byteBudget, FailureSink sink, InternalErrorReporter errors) {
    this(maxInFlight, byteBudget, sink, errors, null, null, null, RequestContextSource.NONE, new JsseConnectionReader());
  }

  /** With the peer inventory: successful handshakes go to {@code healthy} (docs/early-warnings.md). */
  public CapturingListener(
      int maxInFlight,
      int byteBudget,
      FailureSink sink,
      InternalErrorReporter errors,
      HealthyHandshakeSink healthy) {
    this(maxInFlight, byteBudget, sink, errors, healthy, RequestContextSource.NONE, new JsseConnectionReader());
  }

  /**
   * {@code healthy}: the peer inventory, or null when it is off; {@code contexts}: where the
   * request's context comes from (the OpenTelemetry output's source, or {@link
   * RequestContextSource#NONE}); {@code jsse}: SunJSSE's reader ({@link JsseConnectionReader}).
   */
  public CapturingListener(
      int maxInFlight,
      int byteBudget,
      FailureSink sink,
      InternalErrorReporter errors,
      HealthyHandshakeSink healthy,
      RequestContextSource contexts,
      ConnectionReader jsse) {
    this(maxInFlight, byteBudget, sink, errors, null, healthy,
        healthy instanceof LastHealthyHandshakes ? (LastHealthyHandshakes) healthy : null,
        contexts, jsse);
  }

  CapturingListener(
      int maxInFlight,
      int byteBudget,
      FailureSink sink,
      InternalErrorReporter errors,
      HealthyHandshakeRecorder healthy) {
    this(maxInFlight, byteBudget, sink, errors, healthy, null, null, RequestContextSource.NONE, new JsseConnectionReader());
  }

  /**
   * {@code healthy}: a recorder of successful handshakes, or null to make one for {@code
   * healthySink} at the first (null when the inventory is off); {@code lastHealthy}: where a failure
   * finds the last good handshake with its peer (the inventory); null when off.
   */
  CapturingListener(
      int maxInFlight,
      int byteBudget,
      FailureSink sink,
      InternalErrorReporter errors,
      HealthyHandshakeRecorder healthy,
      HealthyHandshakeSink healthySink,
      LastHealthyHandshakes lastHealthy,
      RequestContextSource contexts,
      ConnectionReader connections) {
    this.maxInFlight = maxInFlight;
    this.byteBudget = byteBudget;
    this.connections = connections;
    this.registry = new CaptureRegistry(maxInFlight, byteBudget);
    this.assembler = new EvidenceAssembler(connections, lastHealthy);
    this.requestContexts = new RequestContexts(contexts);
    this.sink = sink;
    this.errors = errors;
    this.healthy = healthy;
    this.healthySink = healthySink;
    this.hostnameVerifications = new HostnameVerifications(new HostnameRejections(), connections);
  }

  private NativeEngineCaptures nativeEngines() {
    NativeEngineCaptures n = nativeEngines;
    return n != null ? n : makeNativeEngines();
  }

  private synchronized NativeEngineCaptures makeNativeEngines() {
    if (nativeEngines == null) {
      nativeEngines =
          new NativeEngineCaptures(maxInFlight, byteBudget, sink, requestContexts, NettyHandlerFailures::remoteAddress);
    }
    return nativeEngines;
  }

  private NettyHandlerFailures nettyHandlers() {
    NettyHandlerFailures n = nettyHandlers;
    return n != null ? n : makeNettyHandlers();
  }

  private synchronized NettyHandlerFailures makeNettyHandlers() {
    if (nettyHandlers == null) {
      nettyHandlers = new NettyHandlerFailures(sink, nativeEngines(), requestContexts);
    }
    return nettyHandlers;
  }

  private BcJsseFailures bcJsse() {
    BcJsseFailures b = bcJsse;
    return b != null ? b : makeBcJsse();
  }

  private synchronized BcJsseFailures makeBcJsse() {
    if (bcJsse == null) {
      bcJsse = new BcJsseFailures(maxInFlight, sink, requestContexts);
    }
    return bcJsse;
  }

  private ConscryptSocketFailures conscryptSockets() {
    ConscryptSocketFailures c = conscryptSockets;
    return c != null ? c : makeConscryptSockets();
  }

  private synchronized ConscryptSocketFailures makeConscryptSockets() {
    if (conscryptSockets == null) {
      conscryptSockets = new ConscryptSocketFailures(maxInFlight, sink, requestContexts);
    }
    return conscryptSockets;
  }

  /** The recorder of successful handshakes, made at the first; null when the inventory is off. */
  private HealthyHandshakeRecorder healthy() {
    HealthyHandshakeRecorder h = healthy;
    return h != null || healthySink == null ? h : makeHealthy();
  }

  private synchronized HealthyHandshakeRecorder makeHealthy() {
    if (healthy == null) {
      healthy = HealthyHandshakeRecorder.jsse(healthySink, errors);
    }
    return healthy;
  }

  /** Handshakes currently in flight (for tests and the shutdown summary). */
  public int inFlight() {
    NativeEngineCaptures n = nativeEngines;
    return registry.inFlight() + (n == null ? 0 : n.inFlight());
  }

  /** Failures whose report (diagnosis, outputs) is being made right now, on any thread. */
  public int reporting() {
    return reporting.get();
  }

  /** Handshake bytes held by all captures in flight (each bounded by capture.max.bytes). */
  public long heldBytes() {
    return registry.heldBytes();
  }

  /** The most handshake bytes one in-flight capture holds right now. */
  public long maxHeldBytesPerConnection() {
    return registry.maxHeldBytes();
  }

  @Override
  public void handshakeStarted(
      Object handshakeContext, Object transportContext, Object handshakeOutput) {
    registry.start(transportContext, handshakeContext, handshakeOutput);
  }

  @Override
  public void outboundHandshakeMessage(Object handshakeOutput, byte[] buf, int count) {
    if (registry.isEmpty() || buf == null || count < 4) {
      return;
    }
    HandshakeCapture capture = registry.find(handshakeOutput);
    if (capture != null) {
      capture.addOutbound(handshakeOutput, buf, Math.min(count, buf.length));
    }
  }

  @Override
  public void inboundHandshakeMessage(Object handshakeContext, byte type, ByteBuffer body) {
    if (registry.isEmpty() || body == null) {
      return;
    }
    HandshakeCapture capture = registry.find(handshakeContext);
    if (capture != null) {
      capture.addInbound(handshakeContext, type, body);
    }
  }

  @Override
  public void certificatesChecking(Object handshakeContext, Object chain, boolean peerIsServer) {
    HandshakeCapture capture = registry.find(handshakeContext);
    if (capture != null) {
      capture.trustCheckStarted(chain, peerIsServer);
    } else {
      NativeEngineCaptures n = nativeEngines; // none made: no native engine to check for
      if (n != null) {
        n.trustCheckStarted(handshakeContext, chain, peerIsServer);
      }
    }
  }

  @Override
  public void certificatesChecked(
      Object handshakeContext, Object chain, Throwable thrown, boolean peerIsServer) {
    HandshakeCapture capture = registry.find(handshakeContext);
    if (capture != null) {
      capture.trustChecked(chain, thrown, peerIsServer);
    } else {
      // Not SunJSSE's: a native engine's, a Conscrypt socket's or BouncyCastle's.
      NativeEngineCaptures n = nativeEngines;
      if ((n == null || !n.trustChecked(handshakeContext, chain, thrown, peerIsServer))
          && !conscryptSockets().trustChecked(handshakeContext, chain, thrown, peerIsServer)) {
        bcJsse().trustChecked(handshakeContext, chain, thrown, peerIsServer);
      }
    }
  }

  @Override
  public void bcAlertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause) {
    bcJsse().alertRaised(connection, client, level, description, message, cause);
  }

  @Override
  public void bcAlertReceived(Object connection, boolean client, short level, short description) {
    bcJsse().alertReceived(connection, client, level, description);
  }

  @Override
  public void bcClientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen) {
    bcJsse().clientKeyChosen(connection, keyTypes, issuers, chosen);
  }

  @Override
  public void bcFatalAlertReceivedThrown(Throwable exception) {
    bcJsse().fatalAlertReceivedThrown(exception);
  }

  @Override
  public void bcEngineUnwrapping(Object engine, ByteBuffer source) {
    bcJsse().engineUnwrapping(engine, source);
  }

  @Override
  public void clientTransportStarting(Object negotiator) {
    requestContexts.transportStarting(negotiator);
  }

  @Override
  public void clientTransportEngineCreating(Object negotiator) {
    requestContexts.transportEngineCreating(negotiator);
  }

  @Override
  public void clientTransportEngineCreated(Object negotiator) {
    requestContexts.transportEngineCreated(negotiator);
  }

  @Override
  public void nativeEngineCreated(Object engine) {
    nativeEngines().created(engine);
  }

  @Override
  public void nettyHandlerAdded(Object engine, Object channelContext) {
    nativeEngines().channelAdded(engine, channelContext);
  }

  @Override
  public void nettyHandshakeFailing(Object engine, Object channelContext, Throwable cause) {
    nettyHandlers().failing(engine, channelContext, cause);
  }

  @Override
  public void nativeEngineWrapping(Object engine, ByteBuffer destination) {
    nativeEngines().wrapping(engine, destination);
  }

  @Override
  public void nativeEngineWrapped(
      Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    nativeEngines().wrapped(engine, destination, result, thrown);
  }

  @Override
  public void nativeEngineUnwrapping(Object engine, ByteBuffer[] sources, int offset, int length) {
    nativeEngines().unwrapping(engine, sources, offset, length);
  }

  @Override
  public void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    nativeEngines().unwrapped(engine, sources, offset, length, result, thrown);
  }

  @Override
  public void nativeClientCertificateRequested(Object engine, Object issuers) {
    nativeEngines().clientCertificateRequested(engine, issuers);
  }

  @Override
  public void nativeSocketHandshakeFailed(Object socket, Throwable thrown) {
    conscryptSockets().handshakeFailed(socket, thrown);
  }

  @Override
  public void clientCredentialsChosen(
      Object handshakeContext, String[] keyTypes, Object possession) {
    HandshakeCapture capture = registry.find(handshakeContext);
    if (capture != null) {
      capture.clientCredentialsChosen(keyTypes, possession);
    }
  }

  @Override
  public void fatalStarted(
      Object transportContext,
      Object alert,
      String diagnostic,
      boolean alertReceived,
      Throwable cause,
      Object handshakeContext) {
    HandshakeCapture capture = registry.find(transportContext);
    if (capture == null) {
      capture = registry.revive(transportContext);
      if (capture != null && !alertReceived && serverSpokeSinceHandshake(transportContext)) {
        // The server sent records after this client's certificate (a session ticket, its answer):
        // it accepted the client, and what fails now is unrelated to the handshake.
        HandshakeCapture ended = registry.end(transportContext);
        if (ended != null) {
          registry.recycle(ended);
        }
        return;
      }
    }
    if (capture == null) {
      // Failed before any handshake context existed (e.g. no protocol left after policy), or
      // after the handshake finished; the former is still a handshake failure worth reporting.
      if (handshakeContext == null && connections.hasNegotiated(transportContext)) {
        return;
      }
      capture = registry.start(transportContext, handshakeContext, null);
      if (capture == null) {
        return;
      }
    }
    if (isTransportEnd(cause) && !capture.receivedAnything() && !connections.isClient(transportContext)) {
      // A client that connected and left without sending a byte (a TCP health check, a port
      // scan): there was no handshake to fail.
      HandshakeCapture ended = registry.end(transportContext);
      if (ended != null) {
        registry.recycle(ended);
      }
      return;
    }
    boolean transportBroke = cause instanceof SocketException || cause instanceof EOFException;
    boolean alertLikelySent = !alertReceived && handshakeContext != null && !transportBroke;
    capture.fatal(
        new FatalCall(alert, diagnostic, alertReceived, cause, handshakeContext, alertLikelySent));
  }

  @Override
  public void fatalThrown(Object transportContext, Throwable thrown) {
    report(transportContext, thrown, FailureOrigin.TLS_FATAL);
  }

  @Override
  public void handshakeFinished(Object transportContext) {
    hostnameVerifications.handshakeFinished(transportContext);
    requestContexts.forget(transportContext);
    if (!registry.isEmpty()) {
      HandshakeCapture capture = registry.end(transportContext);
      if (capture != null) {
        HealthyHandshakeRecorder recorder = healthy();
        if (recorder != null) {
          recorder.finished(transportContext, capture);
        }
        if (capture.awaitsServerVerdict()) {
          registry.retire(transportContext, capture);
          retiredHere.get()[0] = new WeakReference<>(transportContext);
        } else {
          registry.recycle(capture); // succeeded: nothing of it is kept, the object is reused
        }
      }
    }
  }

  @Override
  public void handshakeInterrupted(Object transportContext, Throwable thrown) {
    report(transportContext, thrown, FailureOrigin.HANDSHAKE_TIMEOUT);
  }

  @Override
  public void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    if (registry.isEmpty()) {
      return;
    }
    reporting.incrementAndGet(); // before the capture leaves the registry: never seen as idle
    try {
      reportAbandoned(engine, reported, cause);
    } finally {
      reporting.decrementAndGet();
    }
  }

  private void reportAbandoned(Object engine, Throwable reported, Throwable cause) {
    Object transportContext = connections.connectionOf(engine);
    // java.net.http closes a connection itself when its connect or request timeout fires; JDK 17
    // says only "connection closed locally" (later releases chain the timeout as the cause).
    boolean timedOut = isTimeout(cause) || isClosedLocally(cause);
    HandshakeCapture capture = registry.end(transportContext);
    if (capture == null) {
      return;
    }
    HandshakeEvidence evidence =
        assembler.assemble(
            capture.snapshot(),
            reported,
            timedOut ? FailureOrigin.HANDSHAKE_TIMEOUT : FailureOrigin.TRANSPORT_CLOSED);
    // A timeout reaches the application as the library's own exception, not the wrapper.
    sink.handshakeFailed(evidence, timedOut ? cause : reported, requestContexts.claim(transportContext));
  }

  /**
   * A TLS 1.3 client that answered a CertificateRequest finishes before the server judges its
   * certificate. When its first application write meets the socket the refusing server already
   * closed, or its read meets the reset, the server's alert is never read and JSSE is not told (an
   * SSLSocket rethrows a write error as it is; an engine's own socket is not JSSE's): the retired
   * capture is reported here, only while the server has sent no record since the handshake (no
   * session ticket, no answer: nothing says it accepted the client) and only for the peer's doing
   * (a reset, a broken pipe, the end of the stream).
   */
  @Override
  public void applicationDataFailed(Object engineOrSocket, Throwable failure) {
    if (!registry.hasRetired() || failure instanceof SSLException) {
      return; // JSSE's own failures pass through fatal
    }
    Object connection = connections.connectionOf(engineOrSocket);
    if (connection == null && engineOrSocket instanceof Socket) {
      connection = finishedHere((Socket) engineOrSocket);
    }
    if (connection == null) {
      return;
    }
    long records = connections.recordsReadUnderCurrentKeys(connection);
    if (records != 0 || !(failure == null || isPeerDrop(failure))) {
      if (records > 0) {
        HandshakeCapture released = registry.claimRetired(connection);
        if (released != null) {
          registry.recycle(released);
        }
      }
      return;
    }
    reporting.incrementAndGet();
    try {
      HandshakeCapture capture = registry.claimRetired(connection);
      if (capture == null) {
        return;
      }
      Throwable seen = failure != null ? failure
          : new EOFException("the server closed the connection without close_notify or alert after the handshake");
      HandshakeEvidence evidence = assembler.assemble(capture.snapshot(), seen, FailureOrigin.APPLICATION_DATA);
      sink.handshakeFailed(evidence, seen, requestContexts.claim(connection));
    } finally {
      reporting.decrementAndGet();
    }
  }

  /**
   * The connection whose handshake this thread finished last, while it awaits the server's verdict,
   * when {@code socket} (not JSSE's own) leads to that connection's peer port: an application that
   * drives an engine over a blocking socket does both on one thread, as does a layered SSLSocket.
   */
  private Object finishedHere(Socket socket) {
    Object[] slot = retiredHere.get();
    Object connection = slot[0] == null ? null : ((WeakReference<?>) slot[0]).get();
    if (connection == null) {
      return null;
    }
    int port = connections.peerPort(connection);
    if (port < 0 || port != socket.getPort()) {
      return null;
    }
    slot[0] = null;
    return connection;
  }

  private boolean serverSpokeSinceHandshake(Object transportContext) {
    return connections.recordsReadUnderCurrentKeys(transportContext) > 0;
  }

  /** The peer reset or closed the connection (not a local close or a timeout). */
  private static boolean isPeerDrop(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String message = c.getMessage();
      if (c instanceof EOFException
          || message != null
              && (message.contains("Broken pipe")
                  || message.contains("Connection reset")
                  || message.contains("forcibly closed by the remote host"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransportEnd(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EOFException || c instanceof SocketException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClosedLocally(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.io.IOException && "connection closed locally".equals(c.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.io.InterruptedIOException || c.getClass().getName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void engineUnwrapping(
      Object transportContext, ByteBuffer[] sources, int offset, int length) {
    if (registry.isEmpty()) {
      return;
    }
    HandshakeCapture capture = registry.find(transportContext);
    if (capture != null) {
      capture.samplePeerBytes(transportContext, sources, offset, length, PEER_SAMPLE_BYTES);
    }
  }

  @Override
  public void engineCreated(Object engine, Object transportContext) {
    // The handshake registers at handshakeStarted, later and maybe on another thread: only the
    // request's context is taken now, while this thread still carries it.
    requestContexts.connectionCreated(transportContext);
  }

  @Override
  public void hostnameRejected(Object verifier, Object session, Throwable thrown) {
    hostnameVerifications.rejected(verifier, session, thrown);
  }

  @Override
  public void peerUnverified(Throwable exception) {
    hostnameVerifications.peerUnverified(exception);
  }

  /** Host name rejections to the sink; the verifier runs on the thread that made the request, after the handshake. */
  private final class HostnameRejections implements FailureSink {
    @Override
    public void handshakeFailed(HandshakeEvidence evidence, Throwable thrown, Object requestContext) {
      reporting.incrementAndGet();
      try {
        sink.handshakeFailed(
            evidence, thrown, requestContext != null ? requestContext : requestContexts.current());
      } finally {
        reporting.decrementAndGet();
      }
    }
  }

  @Override
  public void internalError(String where, Throwable error) {
    errors.internalError(where, error);
  }

  private void report(Object transportContext, Throwable thrown, FailureOrigin origin) {
    if (registry.isEmpty()) {
      return;
    }
    reporting.incrementAndGet(); // before the capture leaves the registry: never seen as idle
    try {
      HandshakeCapture capture = registry.end(transportContext);
      if (capture == null) {
        return; // not a handshake failure (the connection was already established)
      }
      HandshakeEvidence evidence = assembler.assemble(capture.snapshot(), thrown, origin);
      sink.handshakeFailed(evidence, thrown, requestContexts.claim(transportContext));
    } finally {
      reporting.decrementAndGet();
    }
  }
}
