package io.handshakedoctor.capture;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The handshakes in flight, found by any of the JSSE objects a hook holds: the connection's
 * TransportContext, its HandshakeContext, or its HandshakeOutStream (all compare by identity).
 * Entries leave when the handshake ends; abandoned ones (a peer that went silent and a host that
 * never closes the connection) are swept after {@link #ABANDONED_AFTER_NANOS}, and the number in
 * flight is capped so a storm cannot grow the heap without bound. At the cap, abandoned captures
 * are swept at once to make room, so stalled peers cannot keep later handshakes from being captured
 * for longer than that.
 *
 * <p>A healthy handshake allocates nothing here once warm: the table allocates no per-entry nodes,
 * and the capture of a handshake that succeeded goes back to a small pool (cleared: no JSSE object
 * and no copied byte survives) for the next handshake to reuse.
 */
final class CaptureRegistry {
  /**
   * A handshake still in flight after this long has been abandoned: JSSE itself, HTTP clients and
   * servers time handshakes out well before (the JDK's HttpClient, Netty, Jetty: seconds to a
   * minute). A handshake swept while still alive that fails later is still reported, with the
   * evidence its failure carries.
   */
  static final long ABANDONED_AFTER_NANOS = TimeUnit.MINUTES.toNanos(2);
  /** The sweep runs on handshake start, after this many starts or this much time, whichever first. */
  private static final int SWEEP_EVERY = 1024;
  private static final long SWEEP_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** At the cap, a sweep for room runs at most this often (a full table is scanned). */
  private static final long RECLAIM_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long RETIRED_FOR_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int MAX_RETIRED = 256;

  /**
   * Captures kept for reuse. The pool only fills up to the most handshakes ever in flight at once
   * (a capture goes back when its handshake succeeds), so a quiet service keeps a few; the cap
   * bounds what a burst leaves behind: at most 64 cleared captures of 4 to 16 KiB each (about
   * 320 KiB at the usual 4 KiB), holding nothing of their handshakes. Beyond 64 handshakes in
   * flight at once, the extra ones allocate their capture as before.
   */
  static final int POOL_SIZE = 64;
  /** A capture whose arena grew beyond this (a huge chain) is left to the GC, not pooled. */
  static final int MAX_POOLED_ARENA = 16 * 1024;

  private final IdentityTable byKey = new IdentityTable();
  private final HandshakeCapture[] pool = new HandshakeCapture[POOL_SIZE];
  private int pooled; // guarded by pool
  private final Consumer<HandshakeCapture> forgetSwept =
      new Consumer<HandshakeCapture>() {
        @Override
        public void accept(HandshakeCapture swept) {
          forget(swept);
        }
      };
  /**
   * Finished handshakes whose server may still reject us: in TLS 1.3 a client sends its
   * certificate in its last flight and learns of a rejection only from an alert after it has
   * finished. Small, short-lived and bounded.
   */
  private final Map<Object, HandshakeCapture> retired =
      new java.util.LinkedHashMap<Object, HandshakeCapture>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, HandshakeCapture> eldest) {
          return size() > MAX_RETIRED;
        }
      };
  /** The size of {@link #retired}, readable without its lock. */
  private final AtomicInteger retiredCount = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger startsSinceSweep = new AtomicInteger();
  private volatile long lastSweepNanos = System.nanoTime();
  private volatile long lastReclaimNanos = System.nanoTime() - RECLAIM_PERIOD_NANOS;
  private final long abandonedAfterNanos;
  private final int maxInFlight;
  private final int byteBudget;

  CaptureRegistry(int maxInFlight, int byteBudget) {
    this(maxInFlight, byteBudget, ABANDONED_AFTER_NANOS);
  }

  /** With another abandonment age (tests). */
  CaptureRegistry(int maxInFlight, int byteBudget, long abandonedAfterNanos) {
    this.maxInFlight = maxInFlight;
    this.byteBudget = byteBudget;
    this.abandonedAfterNanos = abandonedAfterNanos;
  }

  /** True when no handshake is in flight: lets data-path hooks return at once. */
  boolean isEmpty() {
    return inFlight.get() == 0;
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Registers a starting handshake (or a renegotiation on a known connection). */
  HandshakeCapture start(Object transportContext, Object handshakeContext, Object handshakeOutput) {
    if (transportContext == null) {
      return null;
    }
    HandshakeCapture capture = byKey.get(transportContext);
    if (capture == null) {
      if (inFlight.get() >= maxInFlight && !reclaimAbandoned()) {
        return null; // full of live handshakes: this one goes uncaptured, the host is unaffected
      }
      HandshakeCapture fresh = take(transportContext);
      HandshakeCapture existing = byKey.putIfAbsent(transportContext, fresh);
      if (existing == null) {
        inFlight.incrementAndGet();
        capture = fresh;
      } else {
        capture = existing;
        recycle(fresh);
      }
      maybeSweep();
    }
    if (capture == null) {
      return null;
    }
    Object oldContext = capture.handshakeContext();
    Object oldOutput = capture.handshakeOutput();
    if (oldContext != null && oldContext != handshakeContext) {
      byKey.remove(oldContext, capture);
    }
    if (oldOutput != null && oldOutput != handshakeOutput) {
      byKey.remove(oldOutput, capture);
    }
    capture.attach(handshakeContext, handshakeOutput);
    if (handshakeContext != null) {
      byKey.put(handshakeContext, capture);
    }
    if (handshakeOutput != null) {
      byKey.put(handshakeOutput, capture);
    }
    return capture;
  }

  /** A pooled capture made the given connection's, or a new one. */
  private HandshakeCapture take(Object transportContext) {
    HandshakeCapture c = null;
    synchronized (pool) {
      if (pooled > 0) {
        c = pool[--pooled];
        pool[pooled] = null;
      }
    }
    if (c == null) {
      return new HandshakeCapture(transportContext, byteBudget);
    }
    c.reuse(transportContext);
    return c;
  }

  /**
   * Clears the capture of a handshake that ended and will not be reported, and pools it. Only for
   * a capture no longer in the table, retired set or an evidence snapshot in the making.
   */
  void recycle(HandshakeCapture capture) {
    if (!capture.recycle(MAX_POOLED_ARENA)) {
      return;
    }
    synchronized (pool) {
      if (pooled < pool.length) {
        pool[pooled++] = capture;
      }
    }
  }

  /** Captures in the pool (for tests). */
  int pooled() {
    synchronized (pool) {
      return pooled;
    }
  }

  /** Keeps a finished handshake's capture for a short while (see {@link #retired}). */
  void retire(Object transportContext, HandshakeCapture capture) {
    synchronized (retired) {
      capture.retiredAt(System.nanoTime());
      retired.put(transportContext, capture);
      retiredCount.set(retired.size());
    }
  }

  /** Brings back a recently finished handshake's capture, when its connection fails soon after. */
  HandshakeCapture revive(Object transportContext) {
    HandshakeCapture capture = hasRetired() ? claimRetired(transportContext) : null;
    if (capture == null) {
      return null;
    }
    HandshakeCapture existing = byKey.putIfAbsent(transportContext, capture);
    if (existing == null) {
      inFlight.incrementAndGet();
      return capture;
    }
    return existing;
  }

  /** Whether any finished handshake is kept for a verdict (a lock-free hint: false may be stale). */
  boolean hasRetired() {
    return retiredCount.get() > 0;
  }

  /**
   * Takes a recently finished handshake's capture out of the retired set, for a failure reported
   * at once (not through the table); null when none or too old.
   */
  HandshakeCapture claimRetired(Object transportContext) {
    HandshakeCapture capture;
    synchronized (retired) {
      capture = retired.remove(transportContext);
      retiredCount.set(retired.size());
    }
    if (capture == null || System.nanoTime() - capture.retiredAt() > RETIRED_FOR_NANOS) {
      return null;
    }
    return capture;
  }

  /** Handshake bytes held by the captures in flight (for tests and the storm checks). */
  long heldBytes() {
    long[] sum = {0};
    byKey.forEachConnection(c -> sum[0] += c.bytesKept());
    return sum[0];
  }

  long maxHeldBytes() {
    long[] max = {0};
    byKey.forEachConnection(c -> max[0] = Math.max(max[0], c.bytesKept()));
    return max[0];
  }

  HandshakeCapture find(Object key) {
    return key == null ? null : byKey.get(key);
  }

  /** Removes and returns the capture of a connection that ended; null when none was in flight. */
  HandshakeCapture end(Object transportContext) {
    if (transportContext == null) {
      return null;
    }
    HandshakeCapture capture = byKey.remove(transportContext);
    if (capture != null) {
      forget(capture);
    }
    return capture;
  }

  private void forget(HandshakeCapture capture) {
    inFlight.decrementAndGet();
    Object context = capture.handshakeContext();
    Object output = capture.handshakeOutput();
    if (context != null) {
      byKey.remove(context, capture);
    }
    if (output != null) {
      byKey.remove(output, capture);
    }
  }

  private void maybeSweep() {
    long now = System.nanoTime();
    if (startsSinceSweep.incrementAndGet() < SWEEP_EVERY && now - lastSweepNanos < SWEEP_PERIOD_NANOS) {
      return;
    }
    startsSinceSweep.set(0);
    lastSweepNanos = now;
    byKey.removeStale(now - abandonedAfterNanos, forgetSwept);
  }

  /** At the cap: sweeps abandoned captures (rate-limited); true when there is room now. */
  private boolean reclaimAbandoned() {
    long now = System.nanoTime();
    if (now - lastReclaimNanos < RECLAIM_PERIOD_NANOS) {
      return false;
    }
    lastReclaimNanos = now;
    byKey.removeStale(now - abandonedAfterNanos, forgetSwept);
    return inFlight.get() < maxInFlight;
  }
}
