package io.handshakedoctor.peers;

import io.handshakedoctor.evidence.LastGoodHandshake;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, bounded memory of the last good handshake with each peer, so a failure can say what
 * changed since the peer last worked. Healthy handshakes only ask {@link #due}, which reads and
 * writes two fixed arrays and allocates nothing; a record is made at most once per peer per
 * interval, and the oldest peer is forgotten when the memory is full.
 *
 * <p>Peers are keyed by {@link #key}: a server by {@code host:port}, a client by its host alone
 * (its ephemeral port changes with every connection). Shared by whatever needs a per-peer view
 * (the diagnosis's "what changed"; a per-peer inventory).
 */
public final class PeerMemory {
  private final int capacity;
  private final long intervalNanos;
  private final long[] slotPeer;
  private final long[] slotRecordedAt;
  private final int slotMask;
  private final Map<String, LastGoodHandshake> lastGood;

  /**
   * @param capacity peers remembered at most
   * @param intervalNanos least time between two records of the same peer
   */
  public PeerMemory(int capacity, long intervalNanos) {
    this.capacity = Math.max(1, capacity);
    this.intervalNanos = Math.max(0, intervalNanos);
    int slots = Integer.highestOneBit(Math.max(16, this.capacity * 2 - 1) * 2 - 1);
    this.slotPeer = new long[slots];
    this.slotRecordedAt = new long[slots];
    this.slotMask = slots - 1;
    this.lastGood = new LinkedHashMap<String, LastGoodHandshake>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, LastGoodHandshake> eldest) {
        return size() > PeerMemory.this.capacity;
      }
    };
  }

  /** The key of a peer as this JVM sees it: a server's {@code host:port}, a client's host. */
  public static String key(boolean peerIsServer, String host, int port) {
    String h = host == null ? "?" : host;
    return peerIsServer && port > 0 ? h + ":" + port : h;
  }

  /**
   * True when the peer identified by {@code peerHash} (any stable hash of its key) has no record
   * younger than the interval; the caller then records it. Allocation-free and lock-free: two
   * threads may both be told yes for one peer, which costs one extra record.
   */
  public boolean due(long peerHash, long nowNanos) {
    long id = peerHash == 0 ? 1 : peerHash;
    int slot = (int) (mix(id) & slotMask);
    if (slotPeer[slot] == id && nowNanos - slotRecordedAt[slot] < intervalNanos) {
      return false;
    }
    slotPeer[slot] = id;
    slotRecordedAt[slot] = nowNanos;
    return true;
  }

  /** Records a successful handshake, replacing the peer's previous record. */
  public void remember(LastGoodHandshake handshake) {
    synchronized (lastGood) {
      lastGood.put(handshake.peer(), handshake);
    }
  }

  /** The last good handshake with {@code peerKey}, or null when none is remembered. */
  public LastGoodHandshake lastGood(String peerKey) {
    synchronized (lastGood) {
      return lastGood.get(peerKey);
    }
  }

  /** Peers remembered now (at most the capacity). */
  public int size() {
    synchronized (lastGood) {
      return lastGood.size();
    }
  }

  private static long mix(long x) {
    long z = x * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }
}
