package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What is visibly wrong with the chain this JVM presented, judged from its public fields alone.
 * Used on the server side when the client refused the certificate with an alert that does not
 * say why.
 */
final class OwnCertificateCheck {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_USAGE = "2.5.29.37.0";

  final Cause cause;
  final String finding;

  private OwnCertificateCheck(Cause cause, String finding) {
    this.cause = cause;
    this.finding = finding;
  }

  /** The most likely problem with the presented chain, or null when nothing looks wrong. */
  static OwnCertificateCheck of(HandshakeEvidence e) {
    List<CertificateSummary> chain = e.localCertificates();
    if (chain.isEmpty()) {
      return null;
    }
    CertificateSummary leaf = chain.get(0);
    Instant now = e.failedAt();
    for (CertificateSummary c : chain) {
      if (c.notAfter() != null && c.notAfter().isBefore(now)) {
        return new OwnCertificateCheck(Cause.CERTIFICATE_EXPIRED,
            "this server's certificate " + Facts.cert(c) + " expired on " + Facts.instant(c.notAfter()) + ", " + Facts.relative(c.notAfter(), now));
      }
      if (c.notBefore() != null && c.notBefore().isAfter(now)) {
        return new OwnCertificateCheck(Cause.CERTIFICATE_NOT_YET_VALID,
            "this server's certificate " + Facts.cert(c) + " is valid only from " + Facts.instant(c.notBefore()));
      }
    }
    String sni = e.clientHello() == null || e.clientHello().serverNames().isEmpty() ? null : e.clientHello().serverNames().get(0);
    if (sni != null && !covers(HostnameFailure.namesOf(leaf), sni)) {
      return new OwnCertificateCheck(Cause.HOSTNAME_MISMATCH,
          "the client asked for '" + sni + "' (SNI) but this server's certificate covers " + HostnameFailure.namesOf(leaf));
    }
    List<String> eku = leaf.extendedKeyUsage();
    if (!eku.isEmpty() && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_USAGE)) {
      return new OwnCertificateCheck(Cause.CERTIFICATE_USAGE_NOT_PERMITTED,
          "this server's certificate " + Facts.cert(leaf) + " has extended key usage " + eku + " without serverAuth");
    }
    for (CertificateSummary c : chain) {
      String alg = c.signatureAlgorithm() == null ? "" : c.signatureAlgorithm().toUpperCase(Locale.ROOT);
      boolean rsa = "RSA".equals(c.publicKeyAlgorithm());
      if (alg.startsWith("MD5") || alg.startsWith("MD2") || (rsa && c.publicKeyBits() > 0 && c.publicKeyBits() < 2048)) {
        return new OwnCertificateCheck(Cause.WEAK_CERTIFICATE_ALGORITHM,
            "this server's certificate " + Facts.cert(c) + " uses " + (alg.startsWith("MD") ? c.signatureAlgorithm() : c.publicKeyBits() + "-bit RSA")
                + ", which current clients refuse");
      }
    }
    if (chain.size() == 1 && leaf.isSelfIssued()) {
      return new OwnCertificateCheck(Cause.UNTRUSTED_SELF_SIGNED,
          "this server presents a self-signed certificate " + Facts.cert(leaf) + ", which the client does not trust");
    }
    if (chain.size() == 1) {
      return new OwnCertificateCheck(Cause.INCOMPLETE_CHAIN,
          "this server sends only its leaf " + Facts.cert(leaf) + " without the intermediate issued as " + leaf.issuer());
    }
    return null;
  }

  private static boolean covers(List<String> names, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String name : names) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(h)) {
        return true;
      }
      if (n.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(n.substring(1))) {
        return true;
      }
    }
    return false;
  }
}
