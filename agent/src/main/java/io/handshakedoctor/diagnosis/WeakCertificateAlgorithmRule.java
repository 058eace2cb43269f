package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A certificate in the server's chain uses a key size or signature algorithm local policy refuses. */
final class WeakCertificateAlgorithmRule implements DiagnosisRule {
  /** "Algorithm constraints check failed on keysize limits: RSA 1024 bit key used with certificate: CN=..." and friends. */
  private static final Pattern CONSTRAINT =
      Pattern.compile("Algorithm constraints check failed on ([^:]+): (.+?)(?: used with certificate: (.*))?$");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.WEAK_ALGORITHM) {
      return Optional.empty();
    }
    Matcher m = f.find(CONSTRAINT);
    String what = m == null ? "an algorithm" : m.group(2).trim();
    String subject = m == null ? null : m.group(3);
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary culprit = findCulprit(chain, subject);
    PolicySetting policy = PolicySources.setting(e, PolicySources.DISABLED_CERTPATH);
    return Optional.of(
        Diagnosis.builder(Cause.WEAK_CERTIFICATE_ALGORITHM)
            .confidence(Confidence.HIGH)
            .summary("The server " + Facts.orUnknown(e.intendedServerName()) + " presents a certificate"
                + (culprit == null ? (subject == null ? "" : " (" + subject + ")") : " (" + Facts.cert(culprit) + ")")
                + " that uses " + what + ", which this JVM's " + (policy == null ? "jdk.certpath.disabledAlgorithms" : PolicySources.describe(policy))
                + " refuses; the server must re-issue it with a stronger key or signature.")
            .fix("Re-issue the certificate (and any intermediate) with an RSA 2048+ or EC P-256 key signed with SHA-256 and deploy it on the server; "
                + "loosening jdk.certpath.disabledAlgorithms " + PolicySources.whereToChange(policy) + " is an insecure stopgap.")
            .evidence(policy == null ? null : "jdk.certpath.disabledAlgorithms = " + policy.value())
            .evidence(m == null ? "certification path validation failed with reason ALGORITHM_CONSTRAINED" : "JSSE: " + m.group(0))
            .evidence(culprit == null ? null : "certificate " + culprit.subject() + ": " + culprit.publicKeyAlgorithm() + " "
                + culprit.publicKeyBits() + " bit, signed " + culprit.signatureAlgorithm())
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.SERVER)
            .build());
  }

  private static CertificateSummary findCulprit(List<CertificateSummary> chain, String subject) {
    for (CertificateSummary c : chain) {
      if (subject != null && subject.trim().equals(c.subject())) {
        return c;
      }
    }
    for (CertificateSummary c : chain) {
      String sig = Facts.lower(c.signatureAlgorithm());
      boolean weakRsa = "RSA".equals(c.publicKeyAlgorithm()) && c.publicKeyBits() > 0 && c.publicKeyBits() < 2048;
      if (weakRsa || sig.startsWith("md5") || sig.startsWith("sha1") || sig.startsWith("md2")) {
        return c;
      }
    }
    return null;
  }
}
