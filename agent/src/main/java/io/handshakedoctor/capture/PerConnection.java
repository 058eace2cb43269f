package io.handshakedoctor.capture;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a hook keeps for a connection (by identity) until that connection's failure takes it:
 * a rejected chain, an unanswered certificate request. Bounded: when full it starts afresh, since
 * what it holds then belongs to connections their hosts dropped before the handshake ended.
 */
public final class PerConnection<V> {
  private final Map<Object, V> values = new IdentityHashMap<>();
  private final int max;

  public PerConnection(int max) {
    this.max = max;
  }

  public void remember(Object connection, V value) {
    synchronized (values) {
      if (values.size() >= max) {
        values.clear();
      }
      values.put(connection, value);
    }
  }

  /** What was kept for {@code connection}, removed; null when nothing was. */
  public V take(Object connection) {
    synchronized (values) {
      return values.isEmpty() ? null : values.remove(connection);
    }
  }
}
