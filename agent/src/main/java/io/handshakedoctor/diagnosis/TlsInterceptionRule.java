package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import java.util.Optional;

/** A TLS inspection appliance on the path re-signed the server's certificate with its own CA. */
final class TlsInterceptionRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    CertificateProblem problem = CertificateProblem.ofServerChain(e, f);
    if (problem == null) {
      return Optional.empty();
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary c = InterceptionVendors.firstInterceptionCert(chain);
    if (c == null) {
      return Optional.empty();
    }
    String vendor = InterceptionVendors.vendorOf(c.issuer());
    String ca = c.issuer();
    if (vendor == null) {
      vendor = InterceptionVendors.vendorOf(c.subject());
      ca = c.subject();
    }
    String host = Facts.orUnknown(e.intendedServerName());
    boolean trustFailure = problem == CertificateProblem.NO_TRUST_PATH || problem == CertificateProblem.OTHER;
    Diagnosis.Builder d = Diagnosis.builder(Cause.TLS_INTERCEPTION_SUSPECTED)
        .confidence(trustFailure ? Confidence.HIGH : Confidence.MEDIUM)
        .summary("The certificate presented for " + host + " (" + Facts.cert(chain.get(0)) + ") was issued by " + ca
            + ", a " + vendor + " TLS inspection CA: a proxy or security product on the network path intercepts the connection and this JVM's trust manager rejected it ("
            + problem.phrase() + ").")
        .fix("If the inspection is sanctioned, import its root CA into the trust store this JVM uses (`keytool -importcert -alias inspection-ca -file inspection-root.pem -cacerts` "
            + "or -Djavax.net.ssl.trustStore=/path/truststore.p12); otherwise ask the network team to exempt " + host + " from TLS inspection.")
        .evidence("chain certificate " + c.subject() + " issued by " + c.issuer() + " matches inspection vendor " + vendor)
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.NETWORK_PATH);
    if (!trustFailure) {
      d.alternative(causeOf(problem));
    }
    return Optional.of(d.build());
  }

  static Cause causeOf(CertificateProblem p) {
    switch (p) {
      case EXPIRED:
        return Cause.CERTIFICATE_EXPIRED;
      case NOT_YET_VALID:
        return Cause.CERTIFICATE_NOT_YET_VALID;
      case REVOKED:
        return Cause.CERTIFICATE_REVOKED;
      case WEAK_ALGORITHM:
        return Cause.WEAK_CERTIFICATE_ALGORITHM;
      case USAGE:
        return Cause.CERTIFICATE_USAGE_NOT_PERMITTED;
      case HOSTNAME:
        return Cause.HOSTNAME_MISMATCH;
      case NO_TRUST_PATH:
        return Cause.UNTRUSTED_UNKNOWN_CA;
      default:
        return Cause.UNKNOWN;
    }
  }
}
