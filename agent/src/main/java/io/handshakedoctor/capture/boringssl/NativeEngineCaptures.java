package io.handshakedoctor.capture.boringssl;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The handshakes of native BoringSSL engines (netty-tcnative's, Conscrypt's) in flight, keyed by the
 * engine, and what their hooks mean: a capture starts when the engine is created, collects the
 * bytes each wrap and unwrap moves until the handshake finishes, and becomes evidence when a wrap
 * or unwrap throws before that. After the handshake every hook returns on an in-flight count (or
 * one identity lookup while other handshakes run).
 */
public final class NativeEngineCaptures {
  /** What a server answers after a TLS 1.3 client's Finished when it rejects (or misses) the client's certificate. */
  private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("certificate_required", "bad_certificate",
      "unsupported_certificate", "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca",
      "access_denied", "handshake_failure", "decrypt_error");

  /** An engine still handshaking after this long was dropped by its host (see CaptureRegistry). */
  static final long ABANDONED_AFTER_NANOS = TimeUnit.MINUTES.toNanos(2);
  /**
   * How long a client that was asked for a certificate is watched after its handshake: a TLS 1.3
   * server refuses (or misses) the certificate only after the client has finished (as JSSE's).
   */
  static final long REFUSAL_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Map<Object, NativeEngineCapture> byEngine = new IdentityHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int maxInFlight;
  private final int byteBudget;
  private final NativeEngineEvidence evidence;
  /** The last engine reported by {@link #failedAfterHandshake}: a throw that repeats is not a second failure. */
  private WeakReference<Object> lastFailedAfterHandshake = new WeakReference<>(null);
  private final FailureSink sink;
  private final RequestContexts requestContexts;

  public NativeEngineCaptures(
      int maxInFlight, int byteBudget, FailureSink sink, RequestContexts requestContexts) {
    this(maxInFlight, byteBudget, sink, requestContexts, channel -> null);
  }

  /** {@code channelPeer}: the peer's address of the channel an engine's handler joined ({@link #channelAdded}), or null. */
  public NativeEngineCaptures(
      int maxInFlight,
      int byteBudget,
      FailureSink sink,
      RequestContexts requestContexts,
      Function<Object, InetSocketAddress> channelPeer) {
    this.maxInFlight = maxInFlight;
    this.byteBudget = byteBudget;
    this.sink = sink;
    this.requestContexts = requestContexts;
    this.evidence = new NativeEngineEvidence(channelPeer);
  }

  /** Native handshakes in flight (for tests and the shutdown summary). */
  public int inFlight() {
    return inFlight.get();
  }

  public void created(Object engine) {
    if (engine == null) {
      return;
    }
    synchronized (byEngine) {
      if (byEngine.size() >= maxInFlight && !sweepAbandoned()) {
        return; // full of live handshakes: this one goes uncaptured, the host is unaffected
      }
      // The creating thread still carries the request's context; the handshake runs on the
      // event loop, later.
      NativeEngineCapture capture = new NativeEngineCapture(engine, byteBudget, requestContexts.current());
      if (byEngine.put(engine, capture) == null) {
        inFlight.incrementAndGet();
      }
    }
  }

  public void wrapping(Object engine, ByteBuffer destination) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.wrapStarts(destination);
    }
  }

  public void wrapped(Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.wrapEnds(destination);
      ended(c, result, thrown, false);
    }
  }

  public void unwrapping(Object engine, ByteBuffer[] sources, int offset, int length) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.unwrapStarts(sources, offset, length);
    }
  }

  public void unwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.unwrapEnds();
      ended(c, result, thrown, true);
    } else if (thrown instanceof SSLException) {
      failedAfterHandshake(engine, thrown);
    }
  }

  /**
   * The handler over {@code engine} joined its channel: kept with the capture (nothing read now), so a failure can
   * name the peer an engine made without its address (a server's) through the channel.
   */
  public void channelAdded(Object engine, Object channelContext) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.channelContext = channelContext;
    }
  }

  /** The server asked this client for a certificate; its acceptable issuers as DER names. */
  public void clientCertificateRequested(Object engine, Object issuers) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      c.certificateRequested(issuers);
    }
  }

  /**
   * A TLS 1.3 server judges the client's certificate after the client has finished its handshake
   * (RFC 8446 4.4.2.4), so the client learns of the rejection from an alert on a later read, when
   * its capture is long released: BoringSSL's error then names the alert received. Reported once
   * per engine, only for a client whose handshake completed (it holds the server's verified chain)
   * and only for the alerts a server sends about the client's certificate. Runs on a throw only,
   * never on the data path.
   */
  private void failedAfterHandshake(Object engine, Throwable thrown) {
    if (!(engine instanceof SSLEngine) || !((SSLEngine) engine).getUseClientMode()) {
      return;
    }
    String alert = BoringSslErrors.receivedAlert(BoringSslErrors.errorCode(thrown));
    if (alert == null || !CLIENT_CERTIFICATE_ALERTS.contains(alert) || !completedHandshake((SSLEngine) engine)) {
      return;
    }
    synchronized (byEngine) {
      if (lastFailedAfterHandshake.get() == engine) {
        return; // the same engine throwing again: one event per failure
      }
      lastFailedAfterHandshake = new WeakReference<>(engine);
    }
    HandshakeEvidence e = evidence.assemble(new NativeEngineCapture(engine, 0, null), thrown);
    if (e != null) {
      sink.handshakeFailed(e, thrown, requestContexts.current());
    }
  }

  private static boolean completedHandshake(SSLEngine engine) {
    try {
      SSLSession session = engine.getSession();
      return session != null && session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException | RuntimeException notCompleted) {
      return false;
    }
  }

  /** The first {@code max} bytes the peer sent {@code engine}'s handshake so far, or null (none, or not ours). */
  public byte[] firstInboundBytes(Object engine, int max) {
    NativeEngineCapture c = find(engine);
    if (c == null) {
      return null;
    }
    byte[] inbound = c.inboundBytes();
    return inbound.length == 0 ? null : java.util.Arrays.copyOf(inbound, Math.min(max, inbound.length));
  }

  /** Drops {@code engine}'s capture, if any: its failure is reported elsewhere (Netty's handler failed it first). */
  public void forget(Object engine) {
    NativeEngineCapture c = find(engine);
    if (c != null) {
      remove(c);
    }
  }

  /**
   * The trust manager is about to judge the peer's chain; false when the engine is not ours.
   * Nothing is kept: its verdict ({@link #trustChecked}) carries the same chain.
   */
  public boolean trustCheckStarted(Object engine, Object chain, boolean peerIsServer) {
    return find(engine) != null;
  }

  /** The trust manager's verdict; false when the engine is not ours. */
  public boolean trustChecked(Object engine, Object chain, Throwable thrown, boolean peerIsServer) {
    NativeEngineCapture c = find(engine);
    if (c == null) {
      return false;
    }
    c.trustChecked(chain, thrown, peerIsServer);
    return true;
  }

  private NativeEngineCapture find(Object engine) {
    if (inFlight.get() == 0 || engine == null) {
      return null;
    }
    synchronized (byEngine) {
      return byEngine.get(engine);
    }
  }

  /**
   * A wrap or unwrap that threw failed the handshake; one that reports FINISHED ends it well,
   * unless this client was asked for a certificate: then it is watched until the server's first
   * application data (accepted), a throw (refused) or the end of {@link #REFUSAL_WINDOW_NANOS}.
   */
  private void ended(NativeEngineCapture c, Object result, Throwable thrown, boolean inbound) {
    if (thrown != null && !(thrown instanceof SSLException)) {
      return; // a misuse of the engine (a read-only buffer), not a TLS failure
    }
    if (thrown == null && !over(c, result, inbound)) {
      return;
    }
    if (!remove(c)) {
      return; // another thread ended it first: one event per failure
    }
    if (thrown != null) {
      HandshakeEvidence e = evidence.assemble(c, thrown);
      if (e != null) {
        Object context = c.requestContext != null ? c.requestContext : requestContexts.current();
        sink.handshakeFailed(e, thrown, context);
      }
    }
  }

  /** Whether a wrap or unwrap that returned ends the capture. */
  private static boolean over(NativeEngineCapture c, Object result, boolean inbound) {
    long finished = c.finishedNanos();
    if (finished != 0) {
      return (inbound && result instanceof SSLEngineResult && ((SSLEngineResult) result).bytesProduced() > 0)
          || System.nanoTime() - finished > REFUSAL_WINDOW_NANOS;
    }
    if (!(result instanceof SSLEngineResult
        && ((SSLEngineResult) result).getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED)) {
      return false;
    }
    if (c.certificateRequested() && c.engine instanceof SSLEngine && ((SSLEngine) c.engine).getUseClientMode()) {
      c.finished(System.nanoTime());
      return false;
    }
    return true;
  }

  private boolean remove(NativeEngineCapture c) {
    synchronized (byEngine) {
      if (byEngine.get(c.engine) != c) {
        return false;
      }
      byEngine.remove(c.engine);
    }
    inFlight.decrementAndGet();
    return true;
  }

  /** Under the lock: drops captures of engines abandoned mid-handshake; true when room was made. */
  private boolean sweepAbandoned() {
    long now = System.nanoTime();
    boolean removed = false;
    for (Iterator<NativeEngineCapture> it = byEngine.values().iterator(); it.hasNext(); ) {
      if (now - it.next().startNanos > ABANDONED_AFTER_NANOS) {
        it.remove();
        inFlight.decrementAndGet();
        removed = true;
      }
    }
    return removed;
  }
}
