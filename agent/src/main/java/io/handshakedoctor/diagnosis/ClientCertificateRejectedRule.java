package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The client sent a certificate and the server refused it: seen on the server as its trust
 * manager rejecting the client chain, on the client as a certificate alert after sending one.
 */
final class ClientCertificateRejectedRule implements DiagnosisRule {
  static final List<String> CERTIFICATE_ALERTS = Arrays.asList(
      "bad_certificate", "unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked",
      "unsupported_certificate", "access_denied");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    return e.side() == Side.SERVER ? serverSide(e, f) : clientSide(e, f);
  }

  private static Optional<Diagnosis> serverSide(HandshakeEvidence e, Failures f) {
    if (e.trust() != null && (e.trust().isPeerServer() || e.trust().accepted())) {
      return Optional.empty();
    }
    CertificateProblem problem = CertificateProblem.classify(f);
    if (problem == null || f.mentions("Empty client certificate chain")) {
      return Optional.empty();
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary leaf = chain.isEmpty() ? null : chain.get(0);
    CertificateSummary last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
    String why = problem.phrase();
    if (problem == CertificateProblem.EXPIRED && leaf != null && leaf.notAfter() != null) {
      why = "expired on " + Facts.instant(leaf.notAfter()) + ", " + Facts.relative(leaf.notAfter(), e.failedAt());
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.CLIENT_CERTIFICATE_REJECTED)
        .confidence(Confidence.HIGH)
        .summary(Facts.named("The client", e) + " presented a certificate" + (leaf == null ? "" : " (" + Facts.cert(leaf) + ")")
            + " that this server's trust manager rejected: it " + why + "; "
            + (problem == CertificateProblem.NO_TRUST_PATH
                ? "either the client uses a certificate from a CA this server trusts or this server trusts " + (last == null ? "its CA" : last.issuer()) + "."
                : "the client must present a valid certificate."))
        .fix(problem == CertificateProblem.NO_TRUST_PATH
            ? "Import the client's issuing CA into this server's trust store (`keytool -importcert -alias client-ca -file client-ca.pem -keystore server-trust.p12`, "
                + "-Djavax.net.ssl.trustStore=server-trust.p12), or issue the client a certificate from a CA it already trusts."
            : "Issue the client a new certificate (valid dates, clientAuth extended key usage, RSA 2048+/EC P-256 with SHA-256) and install it in the client's key store.")
        .evidence("this server's trust manager rejected the client chain: " + (e.trust() != null && e.trust().failure() != null
            ? Failures.describe(e.trust().failure()) : Failures.describe(f.all().get(f.all().size() - 1))))
        .evidence(chain.isEmpty() ? null : "client chain " + chain)
        .evidence(Facts.common(e))
        .responsibleParty(problem == CertificateProblem.NO_TRUST_PATH ? Diagnosis.UNKNOWN_PARTY : Diagnosis.CLIENT);
    return Optional.of(d.build());
  }

  private static Optional<Diagnosis> clientSide(HandshakeEvidence e, Failures f) {
    String alert = Facts.alertReceived(e, f);
    // TLS 1.3: the client finishes first; when it then writes before reading, the server's alert
    // about its certificate is lost and the application sees only a broken pipe or a reset.
    boolean droppedAfterCertificate = alert == null && e.certificateRequest() != null
        && (f.looksLikeReset() || e.origin() == FailureOrigin.APPLICATION_DATA);
    if (!droppedAfterCertificate && (alert == null || !CERTIFICATE_ALERTS.contains(alert))) {
      return Optional.empty();
    }
    if (e.clientCredentials() == null || e.clientCredentials().choseNone()) {
      return Optional.empty();
    }
    if (e.trust() != null && !e.trust().accepted()) {
      return Optional.empty();
    }
    if (droppedAfterCertificate) {
      return Optional.of(droppedAfterCertificate(e, f));
    }
    List<CertificateSummary> sent = e.clientCredentials().chosenChain();
    CertificateSummary leaf = sent.get(0);
    boolean ownExpired = leaf.notAfter() != null && leaf.notAfter().isBefore(e.failedAt());
    return Optional.of(
        Diagnosis.builder(Cause.CLIENT_CERTIFICATE_REJECTED)
            .confidence(Confidence.HIGH)
            .summary(Facts.named("The server", e) + " rejected this client's certificate (" + Facts.cert(leaf) + ") with alert " + alert
                + (ownExpired ? "; that certificate expired on " + Facts.instant(leaf.notAfter()) + ", " + Facts.relative(leaf.notAfter(), e.failedAt()) : "")
                + (e.certificateRequest() == null ? "" : "; the server accepts issuers " + Facts.issuers(e.certificateRequest()))
                + "; the client needs a certificate the server trusts (or the server must trust " + leaf.issuer() + ").")
            .fix(ownExpired
                ? "Renew the client certificate and replace it in the client's key store (-Djavax.net.ssl.keyStore)."
                : "Use a client certificate issued by a CA the server trusts (nginx `ssl_client_certificate`/`ssl_verify_client`, Apache `SSLCACertificateFile`, "
                    + "HAProxy `ca-file`), or add " + DistinguishedNamesText.cn(leaf.issuer()) + " to the server's client CA list.")
            .evidence("this client sent certificate " + leaf.subject() + " issued by " + leaf.issuer())
            .evidence(Facts.common(e))
            .responsibleParty(ownExpired ? Diagnosis.CLIENT : Diagnosis.UNKNOWN_PARTY)
            .build());
  }

  /** Low: the server's verdict was not read, so an unrelated drop cannot be told apart. */
  private static Diagnosis droppedAfterCertificate(HandshakeEvidence e, Failures f) {
    CertificateSummary leaf = e.clientCredentials().chosenChain().get(0);
    boolean ownExpired = leaf.notAfter() != null && leaf.notAfter().isBefore(e.failedAt());
    return Diagnosis.builder(Cause.CLIENT_CERTIFICATE_REJECTED)
        .confidence(Confidence.LOW)
        .summary(Facts.named("The server", e) + " asked for a client certificate"
            + (e.certificateRequest() == null ? "" : " from issuers " + Facts.issuers(e.certificateRequest()))
            + ", this client sent " + Facts.cert(leaf)
            + (ownExpired ? " (expired on " + Facts.instant(leaf.notAfter()) + ", " + Facts.relative(leaf.notAfter(), e.failedAt()) + ")" : "")
            + ", and the server then closed the connection without an alert this client could read; the server probably rejected that certificate, but its verdict was not read.")
        .fix(ownExpired
            ? "Renew the client certificate and replace it in the client's key store (-Djavax.net.ssl.keyStore)."
            : "Check the server's log for the certificate verification error; use a client certificate issued by a CA the server trusts "
                + "(nginx `ssl_client_certificate`/`ssl_verify_client`, Apache `SSLCACertificateFile`, HAProxy `ca-file`), or add "
                + DistinguishedNamesText.cn(leaf.issuer()) + " to the server's client CA list.")
        .evidence("this client sent certificate " + leaf.subject() + " issued by " + leaf.issuer() + " after a CertificateRequest")
        .evidence(Facts.alertNotRead(e, f))
        .alternative(Cause.CONNECTION_RESET_DURING_HANDSHAKE)
        .evidence(Facts.common(e))
        .responsibleParty(ownExpired ? Diagnosis.CLIENT : Diagnosis.UNKNOWN_PARTY)
        .build();
  }
}
