package io.handshakedoctor.emit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a failure with the same side, cause and peer through at most once per interval, counting
 * the ones held back so the next written event says how many it stands for. Bounded: the oldest
 * keys are forgotten first.
 */
final class RepeatFilter {
  private static final int MAX_KEYS = 4096;

  private final long intervalNanos;
  private final Map<String, long[]> byKey =
      new LinkedHashMap<String, long[]>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > MAX_KEYS;
        }
      };

  RepeatFilter(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** The number of failures this one stands for (at least 1), or 0 when it is held back. */
  synchronized long admit(String key, long nowNanos) {
    long[] state = byKey.get(key); // {lastWrittenNanos, heldBack}
    if (state == null || intervalNanos == 0 || nowNanos - state[0] >= intervalNanos) {
      long repeats = state == null ? 1 : state[1] + 1;
      byKey.put(key, new long[] {nowNanos, 0});
      return repeats;
    }
    state[1]++;
    return 0;
  }

  /**
   * Side, cause and peer. A server's peer is the client's host alone: each client connection comes
   * from a new ephemeral port, so with the port a storm from one client would never repeat.
   */
  static String keyOf(FailureEvent event) {
    String peer =
        event.evidence().side() == io.handshakedoctor.evidence.Side.SERVER
            ? String.valueOf(event.evidence().peerHost())
            : event.peer();
    return event.evidence().side() + "|" + event.diagnosis().cause().id() + "|" + peer;
  }
}
