package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;

/** Suites and versions matched, but no signature scheme or key-exchange group did. */
final class SignatureSchemeOrGroupRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    Throwable signature = firstOf(f, "No supported signature algorithm", "No supported CertificateVerify signature algorithm",
        "No preferred signature algorithm", "No signature scheme", "No available authentication scheme");
    Throwable group = firstOf(f, "No common named group", "No supported named group", "No preferred named group",
        "No negotiable named group");
    boolean insufficient = "insufficient_security".equals(Facts.alertReceived(e, f))
        || "insufficient_security".equals(Facts.alertSentOrAttached(e));
    if (signature == null && group == null && !insufficient) {
      return Optional.empty();
    }
    ClientHelloSummary hello = e.clientHello();
    String what = group != null ? "key-exchange group" : signature != null ? "signature scheme" : "signature scheme or key-exchange group";
    String offered = hello == null ? "" : group != null
        ? " (the ClientHello offered groups " + Facts.list(hello.supportedGroups()) + ")"
        : " (the ClientHello offered signature schemes " + CipherSuites.abbreviate(hello.signatureSchemes(), 6) + ")";
    Throwable direct = group != null ? group : signature;
    Diagnosis.Builder d = Diagnosis.builder(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP)
        .confidence(direct != null ? Confidence.HIGH : Confidence.MEDIUM)
        .summary("This " + e.side().attributeValue() + " and " + Facts.peerRole(e) + " share no " + what + offered
            + (direct == null ? " (alert insufficient_security)" : "") + "; one side must enable a common one.")
        .fix("Enable common groups/schemes on both sides: Java -Djdk.tls.namedGroups=x25519,secp256r1,secp384r1 and "
            + "-Djdk.tls.client.SignatureSchemes / jdk.tls.server.SignatureSchemes (or remove restrictive settings), nginx `ssl_ecdh_curve X25519:prime256v1`, "
            + "and check jdk.tls.disabledAlgorithms; a certificate key of a common type (RSA 2048+, EC P-256) avoids scheme mismatches.")
        .evidence(direct == null ? null : "JSSE: " + Failures.message(direct))
        .evidence(e.local().keyTypes() == null || e.local().keyTypes().isEmpty() ? null
            : "this " + e.side().attributeValue() + "'s key manager holds keys of type " + e.local().keyTypes())
        .evidence(PolicySources.nonDefault(e, "jdk.tls.namedGroups", "jdk.tls.client.SignatureSchemes",
            "jdk.tls.server.SignatureSchemes", PolicySources.DISABLED_TLS))
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    if (direct == null) {
      d.alternative(Cause.NO_COMMON_CIPHER_SUITE, Cause.NO_COMMON_PROTOCOL_VERSION);
    }
    return Optional.of(d.build());
  }

  private static Throwable firstOf(Failures f, String... fragments) {
    for (String fragment : fragments) {
      Throwable t = f.firstMentioning(fragment);
      if (t != null) {
        return t;
      }
    }
    return null;
  }
}
