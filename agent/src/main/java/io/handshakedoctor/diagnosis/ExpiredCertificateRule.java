package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Optional;

/** The server's certificate (or one in its chain) is past its notAfter date. */
final class ExpiredCertificateRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.EXPIRED) {
      return Optional.empty();
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    int i = ServerChain.indexOfExpired(chain, e.failedAt());
    CertificateExpiredException cee = f.first(CertificateExpiredException.class);
    Diagnosis.Builder d = ServerChain.outsideValidity(Cause.CERTIFICATE_EXPIRED, cee, "EXPIRED", e.failedAt())
        .responsibleParty(Diagnosis.SERVER);
    if (i >= 0) {
      CertificateSummary c = chain.get(i);
      String what = ServerChain.owner(e, chain, i);
      d.summary(Facts.capitalize(what) + " (" + Facts.cert(c) + ") expired on " + Facts.instant(c.notAfter())
              + ", " + Facts.relative(c.notAfter(), e.failedAt()) + "; the server must "
              + (i == 0 ? "install a renewed certificate." : "serve a current chain."))
          .evidence("certificate " + c.subject() + " notAfter " + Facts.instant(c.notAfter()));
      if (i == 0) {
        d.fix("Renew the certificate and reload the server (certbot renew / your CA), pointing nginx `ssl_certificate`, Apache `SSLCertificateFile`, "
            + "HAProxy `crt` or Envoy `tls_certificates` at the new full-chain file; a Java server needs the renewed key entry in its key store.");
      } else {
        d.fix("Replace the expired " + ServerChain.role(chain, i) + " in the chain file the server sends with the CA's current one "
            + "(nginx `ssl_certificate` full chain, Apache `SSLCertificateChainFile`, HAProxy `crt`), and update this JVM's trust store (a current JDK's cacerts) if it anchors on the old root.");
      }
    } else {
      String notAfter = cee == null ? "" : Failures.message(cee);
      d.summary("The server certificate for " + Facts.orUnknown(e.intendedServerName()) + " has expired ("
              + (notAfter.isEmpty() ? "per the trust manager" : notAfter) + ", local clock " + Facts.instant(e.failedAt())
              + "); the server must install a renewed certificate.")
          .fix("Renew the server certificate and reload the server (nginx `ssl_certificate`, Apache `SSLCertificateFile`, HAProxy `crt`); "
              + "if the certificate is actually current, check this host's clock (NTP).");
    }
    return Optional.of(d.evidence(Facts.common(e)).build());
  }
}
