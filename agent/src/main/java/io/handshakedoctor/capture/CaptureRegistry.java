package io.handshakedoctor.capture;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handshakes in flight, found by any of the JSSE objects a hook holds: the connection's
 * TransportContext, its HandshakeContext, or its HandshakeOutStream (all compare by identity).
 * Entries leave when the handshake ends; abandoned ones are swept after a while, and the number
 * in flight is capped so a storm cannot grow the heap without bound.
 */
final class CaptureRegistry {
  private static final long ABANDONED_AFTER_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final int SWEEP_EVERY = 1024;

  private static final long RETIRED_FOR_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int MAX_RETIRED = 256;

  private final Map<Object, HandshakeCapture> byKey = new ConcurrentHashMap<>();
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
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger startsSinceSweep = new AtomicInteger();
  private final int maxInFlight;
  private final int byteBudget;

  CaptureRegistry(int maxInFlight, int byteBudget) {
    this.maxInFlight = maxInFlight;
    this.byteBudget = byteBudget;
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
      if (inFlight.get() >= maxInFlight) {
        return null;
      }
      capture = new HandshakeCapture(transportContext, byteBudget);
      if (byKey.putIfAbsent(transportContext, capture) == null) {
        inFlight.incrementAndGet();
      } else {
        capture = byKey.get(transportContext);
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

  /** Keeps a finished handshake's capture for a short while (see {@link #retired}). */
  void retire(Object transportContext, HandshakeCapture capture) {
    synchronized (retired) {
      capture.retiredAt(System.nanoTime());
      retired.put(transportContext, capture);
    }
  }

  /** Brings back a recently finished handshake's capture, when its connection fails soon after. */
  HandshakeCapture revive(Object transportContext) {
    HandshakeCapture capture;
    synchronized (retired) {
      if (retired.isEmpty()) {
        return null;
      }
      capture = retired.remove(transportContext);
    }
    if (capture == null || System.nanoTime() - capture.retiredAt() > RETIRED_FOR_NANOS) {
      return null;
    }
    if (byKey.putIfAbsent(transportContext, capture) == null) {
      inFlight.incrementAndGet();
      return capture;
    }
    return byKey.get(transportContext);
  }

  long heldBytes() {
    long sum = 0;
    for (Map.Entry<Object, HandshakeCapture> e : byKey.entrySet()) {
      if (e.getKey() == e.getValue().transportContext()) {
        sum += e.getValue().bytesKept();
      }
    }
    return sum;
  }

  long maxHeldBytes() {
    long max = 0;
    for (HandshakeCapture c : byKey.values()) {
      max = Math.max(max, c.bytesKept());
    }
    return max;
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
    if (startsSinceSweep.incrementAndGet() < SWEEP_EVERY) {
      return;
    }
    startsSinceSweep.set(0);
    long now = System.nanoTime();
    Iterator<Map.Entry<Object, HandshakeCapture>> it = byKey.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Object, HandshakeCapture> e = it.next();
      HandshakeCapture c = e.getValue();
      if (e.getKey() == c.transportContext() && now - c.startNanos() > ABANDONED_AFTER_NANOS) {
        it.remove();
        forget(c);
      }
    }
  }
}
