package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;

/** Finds the certificate in the presented chain a failure is about, and names its role. */
final class ServerChain {
  private ServerChain() {}

  /**
   * A diagnosis of a certificate outside its validity period, begun with what it rests on: the
   * trust manager's exception (else the validator's {@code reason}) and the local clock.
   */
  static Diagnosis.Builder outsideValidity(Cause cause, Throwable thrown, String reason, java.time.Instant clock) {
    return Diagnosis.builder(cause)
        .confidence(Confidence.HIGH)
        .evidence("trust manager threw " + (thrown != null ? Failures.describe(thrown) : "a CertPathValidatorException with reason " + reason))
        .evidence("the local clock read " + Facts.instant(clock) + " at the failure");
  }

  static int indexOfExpired(List<CertificateSummary> chain, java.time.Instant now) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).notAfter() != null && chain.get(i).notAfter().isBefore(now)) {
        return i;
      }
    }
    return -1;
  }

  static int indexOfNotYetValid(List<CertificateSummary> chain, java.time.Instant now) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).notBefore() != null && chain.get(i).notBefore().isAfter(now)) {
        return i;
      }
    }
    return -1;
  }

  /** "certificate", "intermediate CA certificate" or "root CA certificate". */
  static String role(List<CertificateSummary> chain, int index) {
    if (index <= 0) {
      return "certificate";
    }
    return chain.get(index).isSelfIssued() ? "root CA certificate" : "intermediate CA certificate";
  }

  /** "the server certificate for api.example.com" / "the client certificate". */
  static String owner(HandshakeEvidence e, List<CertificateSummary> chain, int index) {
    String peerRole = e.side() == io.handshakedoctor.evidence.Side.CLIENT ? "server" : "client";
    String host = e.intendedServerName();
    if (index <= 0) {
      return "the " + peerRole + " certificate" + (host == null || peerRole.equals("client") ? "" : " for " + host);
    }
    return "the " + role(chain, index) + " in the chain " + (host == null ? "the " + peerRole : host) + " presented";
  }
}
