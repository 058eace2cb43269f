package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import java.util.Optional;

/** The server certificate's key usage or extended key usage does not allow TLS server authentication. */
final class CertificateUsageRule implements DiagnosisRule {
  static final String SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.USAGE) {
      return Optional.empty();
    }
    Throwable t = f.firstMentioning("Extended key usage does not permit");
    if (t == null) {
      t = f.firstMentioning("KeyUsage does not allow");
    }
    if (t == null) {
      t = f.firstMentioning("Netscape cert type");
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary leaf = chain.isEmpty() ? null : chain.get(0);
    String jsse = t == null ? "key usage check failed (INVALID_KEY_USAGE)" : Failures.message(t);
    return Optional.of(
        Diagnosis.builder(Cause.CERTIFICATE_USAGE_NOT_PERMITTED)
            .confidence(Confidence.HIGH)
            .summary("The server certificate for " + Facts.orUnknown(e.intendedServerName())
                + (leaf == null ? "" : " (" + Facts.cert(leaf) + (leaf.extendedKeyUsage().isEmpty() ? "" : ", extended key usage " + leaf.extendedKeyUsage()) + ")")
                + " is not permitted for TLS server authentication: " + jsse + "; the server needs a certificate issued for serverAuth.")
            .fix("Re-issue the server certificate with extendedKeyUsage=serverAuth (" + SERVER_AUTH_OID + ") and keyUsage=digitalSignature,keyEncipherment "
                + "(openssl `-addext extendedKeyUsage=serverAuth`, keytool `-ext EKU=serverAuth -ext KU=digitalSignature,keyEncipherment`) and deploy it.")
            .evidence("JSSE: " + jsse)
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.SERVER)
            .build());
  }
}
