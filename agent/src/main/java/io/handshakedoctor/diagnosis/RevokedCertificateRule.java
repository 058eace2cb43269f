package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.security.cert.CertificateRevokedException;
import java.util.List;
import java.util.Optional;

/** A CRL or OCSP response says the server's certificate was revoked. */
final class RevokedCertificateRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.REVOKED) {
      return Optional.empty();
    }
    CertificateRevokedException cre = f.first(CertificateRevokedException.class);
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary leaf = chain.isEmpty() ? null : chain.get(0);
    String detail = "";
    if (cre != null) {
      detail = " (reason " + cre.getRevocationReason() + ", revoked on " + Facts.instant(cre.getRevocationDate().toInstant())
          + (cre.getAuthorityName() == null ? "" : ", according to " + cre.getAuthorityName().getName()) + ")";
    } else {
      Throwable t = f.firstMentioning("Certificate has been revoked");
      if (t != null) {
        detail = " (" + Failures.message(t) + ")";
      }
    }
    return Optional.of(
        Diagnosis.builder(Cause.CERTIFICATE_REVOKED)
            .confidence(Confidence.HIGH)
            .summary("The server certificate for " + Facts.orUnknown(e.intendedServerName())
                + (leaf == null ? "" : " (" + Facts.cert(leaf) + ")") + " has been revoked by its CA" + detail
                + "; the server must install a newly issued certificate.")
            .fix("Issue a new key and certificate for the server and deploy it (nginx `ssl_certificate`/`ssl_certificate_key`, Apache `SSLCertificateFile`, HAProxy `crt`); "
                + "do not disable revocation checking (-Dcom.sun.net.ssl.checkRevocation) to get around it.")
            .evidence(cre == null ? "certification path validation failed with reason REVOKED" : "trust manager threw " + Failures.describe(cre))
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.SERVER)
            .build());
  }
}
