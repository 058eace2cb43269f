package io.handshakedoctor.inventory;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row of the table as the report and the metrics read it: the latest record and its totals. */
public final class PeerView {
  private final HealthyHandshake latest;
  private final Instant firstSeen;
  private final long handshakes;
  private final List<Warning> warnings;
  private final CertificateSummary expiresFirst;

  PeerView(HealthyHandshake latest, Instant firstSeen, long handshakes, List<Warning> warnings) {
    this.latest = latest;
    this.firstSeen = firstSeen;
    this.handshakes = handshakes;
    this.warnings = warnings;
    List<CertificateSummary> all = new ArrayList<>(latest.peerChain());
    if (latest.trustAnchor() != null) {
      all.add(latest.trustAnchor());
    }
    all.addAll(latest.localChain());
    CertificateSummary first = null;
    for (CertificateSummary c : all) {
      if (c.notAfter() != null && (first == null || c.notAfter().isBefore(first.notAfter()))) {
        first = c;
      }
    }
    this.expiresFirst = first;
  }

  public HealthyHandshake latest() {
    return latest;
  }

  public Instant firstSeen() {
    return firstSeen;
  }

  /** Successful handshakes with this peer since it was first seen. */
  public long handshakes() {
    return handshakes;
  }

  /** The warnings of the latest record. */
  public List<Warning> warnings() {
    return warnings;
  }

  /** The certificate (peer chain, anchor or own) that expires first; null when none is known. */
  public CertificateSummary expiresFirst() {
    return expiresFirst;
  }

  public Instant earliestExpiry() {
    return expiresFirst == null ? null : expiresFirst.notAfter();
  }
}
