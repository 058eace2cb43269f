package io.handshakedoctor.emit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a failure with the same side, cause and peer through at most once per interval, counting
 * the ones held back so the next written event says how many it stands for. The last failure
 * held back for a key is kept, so the count is not lost when no equal failure comes after it: it
 * is handed out when its key is forgotten to make room and at the end ({@link #drain}). Bounded:
 * at most {@link #MAX_KEYS} keys, the least recently failing forgotten first.
 */
final class RepeatFilter {
  static final int MAX_KEYS = 1024;

  /** A held-back failure to write, standing for {@code count} failures. */
  static final class Pending {
    final FailureEvent event;
    final long count;

    Pending(FailureEvent event, long count) {
      this.event = event;
      this.count = count;
    }
  }

  private static final class State {
    long lastWrittenNanos;
    long heldBack;
    FailureEvent lastHeld;

    State(long lastWrittenNanos) {
      this.lastWrittenNanos = lastWrittenNanos;
    }
  }

  private final long intervalNanos;
  private final List<Pending> forgotten = new ArrayList<>(); // guarded by this
  private final Map<String, State> byKey =
      new LinkedHashMap<String, State>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
          if (size() <= MAX_KEYS) {
            return false;
          }
          State s = eldest.getValue();
          if (s.heldBack > 0 && s.lastHeld != null) {
            forgotten.add(new Pending(s.lastHeld, s.heldBack));
          }
          return true;
        }
      };

  RepeatFilter(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** The number of failures this one stands for (at least 1), or 0 when it is held back. */
  synchronized long admit(String key, FailureEvent event, long nowNanos) {
    State state = byKey.get(key);
    if (state == null) {
      byKey.put(key, new State(nowNanos));
      return 1;
    }
    if (intervalNanos == 0 || nowNanos - state.lastWrittenNanos >= intervalNanos) {
      long repeats = state.heldBack + 1;
      state.lastWrittenNanos = nowNanos;
      state.heldBack = 0;
      state.lastHeld = null;
      return repeats;
    }
    state.heldBack++;
    state.lastHeld = event;
    return 0;
  }

  /** Held-back failures whose key was forgotten to make room; the caller writes them. */
  synchronized List<Pending> takeForgotten() {
    if (forgotten.isEmpty()) {
      return List.of();
    }
    List<Pending> out = new ArrayList<>(forgotten);
    forgotten.clear();
    return out;
  }

  /**
   * Every failure held back and not yet accounted for (at exit): the last of each key, standing for
   * all of that key's held-back failures. Each is handed out once.
   */
  synchronized List<Pending> drain() {
    List<Pending> out = new ArrayList<>(forgotten);
    forgotten.clear();
    for (Iterator<State> it = byKey.values().iterator(); it.hasNext(); ) {
      State s = it.next();
      if (s.heldBack > 0 && s.lastHeld != null) {
        out.add(new Pending(s.lastHeld, s.heldBack));
      }
      s.heldBack = 0;
      s.lastHeld = null;
    }
    return out;
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
