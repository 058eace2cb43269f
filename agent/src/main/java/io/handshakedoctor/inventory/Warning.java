package io.handshakedoctor.inventory;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;

/** One early warning about one peer: what, the sentence a person reads, and what to change. */
public final class Warning {
  /** {@link #daysLeft()} of a warning that is not about an expiry. */
  static final long NOT_EXPIRY = Long.MIN_VALUE;

  private final WarningKind kind;
  private final HealthyHandshake handshake;
  private final String summary;
  private final String fix;
  private final CertificateSummary certificate;
  private final long daysLeft;

  Warning(WarningKind kind, HealthyHandshake handshake, String summary, String fix, CertificateSummary certificate, long daysLeft) {
    this.kind = kind;
    this.handshake = handshake;
    this.summary = summary;
    this.fix = fix;
    this.certificate = certificate;
    this.daysLeft = daysLeft;
  }

  public WarningKind kind() {
    return kind;
  }

  /** The handshake that showed it. */
  public HealthyHandshake handshake() {
    return handshake;
  }

  public String summary() {
    return summary;
  }

  public String fix() {
    return fix;
  }

  /** The certificate the warning is about; null when it is about the connection. */
  public CertificateSummary certificate() {
    return certificate;
  }

  /** For {@link WarningKind#CERTIFICATE_EXPIRING}: whole days left (negative once expired); otherwise {@link #NOT_EXPIRY}. */
  public long daysLeft() {
    return daysLeft;
  }
}
