package io.handshakedoctor.inventory;

import io.handshakedoctor.capture.HealthyHandshakeSink;
import io.handshakedoctor.capture.LastHealthyHandshakes;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one home of per-peer memory (docs/early-warnings.md, docs/design.md): every peer this JVM
 * completed a handshake with, bounded to {@code maxPeers}. Every successful handshake is counted (a
 * map lookup with a reused key, two atomic increments); a peer's latest state is re-recorded at most
 * once per refresh ({@link #LATEST_REFRESH}, or the interval when shorter), claimed by one caller
 * with a compare-and-set, and summarised by that caller; its warnings are evaluated here at most
 * once per interval and handed on. A failure's evidence reads the peer's latest record back
 * ({@link #lastHealthy}) to say what changed.
 */
public final class PeerInventory implements HealthyHandshakeSink, LastHealthyHandshakes {
  /** The longest a peer's latest state goes unrefreshed, so "what changed" compares with recent data. */
  public static final Duration LATEST_REFRESH = Duration.ofMinutes(10);

  private final ConcurrentHashMap<PeerKey, PeerEntry> peers = new ConcurrentHashMap<>();
  private final ThreadLocal<PeerKey> probes =
      new ThreadLocal<PeerKey>() {
        @Override
        protected PeerKey initialValue() {
          return new PeerKey();
        }
      };
  private final HandshakeCounts counts = new HandshakeCounts();
  private final AtomicLong untracked = new AtomicLong();
  private final long intervalNanos;
  private final long refreshNanos;
  private final int maxPeers;
  private final EarlyWarnings rules;
  private final Consumer<Warning> warnings;
  private final Runnable recorded;

  /**
   * @param warnings receives each warning of a record, on the recording thread
   * @param recorded runs after each record (the metrics' output opens its pipeline then)
   */
  public PeerInventory(
      Duration interval, int maxPeers, EarlyWarnings rules, Consumer<Warning> warnings, Runnable recorded) {
    this.intervalNanos = interval.toNanos();
    this.refreshNanos = Math.min(intervalNanos, LATEST_REFRESH.toNanos());
    this.maxPeers = maxPeers;
    this.rules = rules;
    this.warnings = warnings;
    this.recorded = recorded;
  }

  @Override
  public boolean due(boolean client, String host, int port, String protocol, String cipherSuite) {
    counts.increment(client, protocol, cipherSuite);
    PeerEntry entry = peers.get(probes.get().set(client, host, port));
    long now = System.nanoTime();
    if (entry != null) {
      entry.handshakes.incrementAndGet();
      return entry.claim(now, refreshNanos);
    }
    if (peers.size() >= maxPeers) {
      untracked.incrementAndGet();
      return false;
    }
    // A new peer: its entry (allocated once per peer) is claimed by whoever puts it first.
    PeerKey key = new PeerKey().set(client, host, port);
    PeerEntry fresh = new PeerEntry(key, Instant.now(), now + refreshNanos);
    fresh.handshakes.incrementAndGet();
    PeerEntry raced = peers.putIfAbsent(key, fresh);
    if (raced != null) {
      raced.handshakes.incrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void record(HealthyHandshake handshake) {
    PeerEntry entry =
        peers.get(new PeerKey().set(handshake.side() == Side.CLIENT, handshake.peerHost(), handshake.peerPort()));
    if (entry == null) {
      return; // only a claimed peer is recorded
    }
    List<Warning> found = List.of();
    synchronized (entry) {
      long now = System.nanoTime();
      if (entry.warningsDue(now)) {
        // compared with the record last evaluated (an interval ago), so a drift seen by a refresh in between is not lost
        found = rules.evaluate(handshake, entry.evaluated(), handshake.observedAt());
        entry.evaluated(handshake, found, now + intervalNanos);
      }
      entry.recorded(handshake);
    }
    recorded.run();
    for (Warning w : found) {
      warnings.accept(w);
    }
  }

  @Override
  public HealthyHandshake lastHealthy(boolean client, String host, int port) {
    PeerEntry entry = peers.get(new PeerKey().set(client, host, port));
    return entry == null ? null : entry.latest();
  }

  /** Counts by side, protocol and suite (for the metrics). */
  public HandshakeCounts counts() {
    return counts;
  }

  /** Handshakes with peers not tracked because the table was full. */
  public long untracked() {
    return untracked.get();
  }

  public int maxPeers() {
    return maxPeers;
  }

  /** The table as it is now, soonest expiry first. */
  public List<PeerView> peers() {
    List<PeerView> out = new ArrayList<>();
    for (PeerEntry e : peers.values()) {
      HealthyHandshake latest = e.latest();
      if (latest != null) {
        out.add(new PeerView(latest, e.firstSeen, e.handshakes.get(), e.warnings()));
      }
    }
    out.sort(Comparator.comparing(PeerView::earliestExpiry, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  /** The earliest expiry of one peer's certificates at {@code now}, in seconds (negative once expired). */
  public static long secondsLeft(PeerView peer, Instant now) {
    return peer.earliestExpiry() == null ? Long.MAX_VALUE : Duration.between(now, peer.earliestExpiry()).getSeconds();
  }
}
