package io.handshakedoctor.inventory;

import io.handshakedoctor.evidence.HealthyHandshake;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One peer's row: counted on every handshake, its latest state re-recorded at most once per
 * refresh (10 minutes at most), its warnings evaluated at most once per interval.
 */
final class PeerEntry {
  final PeerKey key;
  final Instant firstSeen;
  final AtomicLong handshakes = new AtomicLong();
  /** System.nanoTime() from which the next handshake is recorded again. */
  final AtomicLong nextDueNanos;
  private volatile HealthyHandshake latest;
  private volatile List<Warning> warnings = List.of();
  /** The record warnings were last evaluated on, and when they are due again; guarded by this. */
  private HealthyHandshake evaluated;
  private long nextWarningsNanos;

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

  /** True when this record is also to be evaluated for warnings (the first one, then once per interval); under this monitor. */
  boolean warningsDue(long nowNanos) {
    return evaluated == null || nowNanos - nextWarningsNanos >= 0;
  }

  /** The record warnings were last evaluated on; under this monitor. */
  HealthyHandshake evaluated() {
    return evaluated;
  }

  /** Under this monitor. */
  void evaluated(HealthyHandshake handshake, List<Warning> current, long nextWarningsNanos) {
    this.evaluated = handshake;
    this.nextWarningsNanos = nextWarningsNanos;
    warnings = List.copyOf(current);
  }

  void recorded(HealthyHandshake handshake) {
    latest = handshake;
  }
}
