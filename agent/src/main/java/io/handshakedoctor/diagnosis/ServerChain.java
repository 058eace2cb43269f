package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;

/** Finds the certificate in the presented chain a failure is about, and names its role. */
final class ServerChain {
  private ServerChain() {}

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
