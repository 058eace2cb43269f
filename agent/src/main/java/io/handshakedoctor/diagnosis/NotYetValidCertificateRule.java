package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The server's certificate starts in the future by the local clock. CAs date certificates at
 * issuance, so a notBefore more than a day ahead (or a clock reading before this agent existed)
 * points at this host's clock rather than the certificate.
 */
final class NotYetValidCertificateRule implements DiagnosisRule {
  /** No real failure can happen before this agent was written: a clock reading earlier is wrong. */
  static final Instant EARLIEST_PLAUSIBLE_CLOCK = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.NOT_YET_VALID) {
      return Optional.empty();
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    int i = ServerChain.indexOfNotYetValid(chain, e.failedAt());
    CertificateNotYetValidException ex = f.first(CertificateNotYetValidException.class);
    Instant now = e.failedAt();
    Diagnosis.Builder d = ServerChain.outsideValidity(Cause.CERTIFICATE_NOT_YET_VALID, ex, "NOT_YET_VALID", now);
    boolean clockImplausible = now.isBefore(EARLIEST_PLAUSIBLE_CLOCK);
    if (i >= 0) {
      CertificateSummary c = chain.get(i);
      boolean farAhead = Duration.between(now, c.notBefore()).toDays() >= 1;
      boolean clockSuspect = clockImplausible || farAhead;
      d.summary(Facts.capitalize(ServerChain.owner(e, chain, i)) + " (" + Facts.cert(c) + ") is valid only from "
              + Facts.instant(c.notBefore()) + ", " + Facts.relative(c.notBefore(), now) + "; the local clock reads " + Facts.instant(now)
              + (clockSuspect ? ", which looks wrong: correct this host's clock." : ": the certificate was just issued or the clocks disagree slightly."))
          .evidence("certificate " + c.subject() + " notBefore " + Facts.instant(c.notBefore()));
      clockFix(d, e, clockSuspect);
    } else {
      d.summary("The server certificate for " + Facts.orUnknown(e.intendedServerName()) + " is not yet valid ("
              + (ex == null ? "per the trust manager" : Failures.message(ex)) + ") while the local clock reads " + Facts.instant(now)
              + (clockImplausible ? ", which looks wrong." : "."));
      clockFix(d, e, true);
    }
    return Optional.of(d.evidence(Facts.common(e)).build());
  }

  private static void clockFix(Diagnosis.Builder d, HandshakeEvidence e, boolean clockSuspect) {
    if (clockSuspect) {
      d.fix("Correct this host's clock (enable NTP: `timedatectl set-ntp true` / chrony; in containers and VMs fix the host clock) and retry; "
              + "if the clock is right, the server must serve a certificate whose validity has started.")
          .responsibleParty(Facts.localParty(e));
    } else {
      d.fix("Wait until the certificate's notBefore has passed or have the server re-issue it backdated by an hour, and make sure both hosts run NTP.")
          .responsibleParty(Diagnosis.SERVER);
    }
  }
}
