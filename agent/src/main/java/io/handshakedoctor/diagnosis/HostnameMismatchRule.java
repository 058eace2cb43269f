package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import java.util.Optional;

/** The server's certificate does not hold the name (or IP address) this client asked for. */
final class HostnameMismatchRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.HOSTNAME) {
      return Optional.empty();
    }
    HostnameFailure failure = HostnameFailure.of(e, f);
    String host = failure.host;
    CertificateSummary leaf = failure.leaf;
    List<String> names = failure.names;
    boolean afterHandshake = e.origin() == FailureOrigin.HOSTNAME_VERIFIER;
    // After the handshake the ClientHello is gone, but the session still tells which SNI was sent.
    boolean sniUnknown = e.clientHello() == null && !(afterHandshake && !e.local().serverNames().isEmpty());
    boolean ip = Facts.isIpLiteral(host);
    Diagnosis.Builder d = Diagnosis.builder(Cause.HOSTNAME_MISMATCH)
        .confidence(Confidence.HIGH)
        .evidence(afterHandshake
            ? "the handshake completed, then the host name check in " + e.hostnameVerifier() + " rejected '" + host + "'"
                + (e.local().serverNames().isEmpty() ? "" : " (SNI sent: " + e.local().serverNames() + ")")
            : "host name check failed: " + failure.message)
        .evidence(leaf == null ? null : "certificate names " + names)
        .evidence(Facts.common(e));
    String certText = leaf == null ? "a certificate" : "a certificate for " + names + " (" + Facts.cert(leaf) + ")";
    if (ip && !names.isEmpty()) {
      d.summary("This client connected to the IP address " + host + " but the server presents " + certText
              + ", which holds no such IP address; connect by one of the certificate's names or add the IP to its SANs.")
          .fix("Use a host name the certificate covers (" + names + ") in the client's URL, or re-issue the server certificate with `subjectAltName=IP:" + host + "`.")
          .responsibleParty(Diagnosis.CLIENT);
    } else {
      d.summary("This client asked for '" + host + "' but the server " + Facts.peer(e) + " presents " + certText
              + ", which does not cover that name; the server must serve a certificate for '" + host + "' (or the client must use a covered name).")
          .fix("Re-issue the server certificate with `subjectAltName=DNS:" + host + "` (or serve the right one for this virtual host: nginx `server_name`/`ssl_certificate`, "
              + "Apache `ServerName`/`SSLCertificateFile`, HAProxy `crt-list`), or point the client at a name the certificate holds.")
          .responsibleParty(Diagnosis.SERVER);
    }
    if (!sniUnknown && e.clientHello() != null && e.clientHello().serverNames().isEmpty()) {
      d.alternative(Cause.SNI_MISSING);
    }
    if (sniUnknown) {
      // Without the ClientHello we cannot tell whether SNI was sent; a missing SNI gives the same picture.
      d.confidence(Confidence.MEDIUM).alternative(Cause.SNI_MISSING);
    }
    return Optional.of(d.build());
  }
}
