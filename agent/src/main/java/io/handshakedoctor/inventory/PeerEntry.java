package io.handshakedoctor.inventory;

import io.handshakedoctor.evidence.HealthyHandshake;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One peer's row: counted on every handshake, re-recorded at most once per interval. */
final class PeerEntry {
  final PeerKey key;
  final Instant firstSeen;
  final AtomicLong handshakes = new AtomicLong();
  /** System.nanoTime() from which the next handshake is recorded again. */
  final AtomicLong nextDueNanos;
  private volatile HealthyHandshake latest;
  private volatile List<Warning> warnings = List.of();

  PeerEntry(PeerKey key, Instant firstSeen, long nextDueNanos) {
    this.key = key;
    this.firstSeen = firstSeen;
    this.nextDueNanos = new AtomicLong(nextDueNanos);
  }

  /** True for the one caller that claims a due peer until {@code nowNanos + intervalNanos}. */
  boolean claim(long nowNanos, long intervalNanos) {
    long due = nextDueNanos.get();
    return nowNanos - due >= 0 && nextDueNanos.compareAndSet(due, nowNanos + intervalNanos);
  }

  HealthyHandshake latest() {
    return latest;
  }

  List<Warning> warnings() {
    return warnings;
  }

  void recorded(HealthyHandshake handshake, List<Warning> current) {
    latest = handshake;
    warnings = List.copyOf(current);
  }
}
