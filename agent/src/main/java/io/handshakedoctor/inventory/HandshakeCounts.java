package io.handshakedoctor.inventory;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Successful handshakes by side, protocol and cipher suite, counted without allocating: a fixed
 * open-addressed table of {@link #SLOTS} combinations (JSSE's protocol and suite names are constant
 * strings, so a slot is found by identity, by equality the first time). Combinations beyond the
 * table are counted together under {@code other}.
 */
public final class HandshakeCounts {
  static final int SLOTS = 256;
  private final AtomicReferenceArray<String> protocols = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<String> suites = new AtomicReferenceArray<>(SLOTS);
  private final boolean[] client = new boolean[SLOTS];
  private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
  private final AtomicLongArray overflow = new AtomicLongArray(2);

  void increment(boolean isClient, String protocol, String suite) {
    if (protocol == null || suite == null) {
      return;
    }
    int start = ((protocol.hashCode() * 31 + suite.hashCode()) * 2 + (isClient ? 1 : 0)) & (SLOTS - 1);
    for (int probe = 0; probe < SLOTS; probe++) {
      int i = (start + probe) & (SLOTS - 1);
      String p = protocols.get(i);
      if (p == null) {
        synchronized (this) { // a new combination: rare, once each
          if (protocols.get(i) == null) {
            client[i] = isClient;
            suites.set(i, suite);
            protocols.set(i, protocol);
            counts.incrementAndGet(i);
            return;
          }
        }
        p = protocols.get(i);
      }
      if (client[i] == isClient && (p == protocol || p.equals(protocol))) {
        String s = suites.get(i);
        if (s == suite || s.equals(suite)) {
          counts.incrementAndGet(i);
          return;
        }
      }
    }
    overflow.incrementAndGet(isClient ? 1 : 0);
  }

  /** Receives one count per combination seen. */
  public interface Visitor {
    void count(boolean client, String protocol, String cipherSuite, long handshakes);
  }

  public void forEach(Visitor visitor) {
    for (int i = 0; i < SLOTS; i++) {
      String p = protocols.get(i);
      if (p != null) {
        visitor.count(client[i], p, suites.get(i), counts.get(i));
      }
    }
    for (int side = 0; side < 2; side++) {
      if (overflow.get(side) > 0) {
        visitor.count(side == 1, "other", "other", overflow.get(side));
      }
    }
  }
}
