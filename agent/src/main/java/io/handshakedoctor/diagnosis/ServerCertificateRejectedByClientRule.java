package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Optional;

/**
 * This JVM is the server and the client refused its certificate with an alert. The chain this
 * server presented says why when something is visibly wrong with it (expired, wrong name, leaf
 * only...); otherwise the alert is all there is, and the diagnosis is never HIGH.
 */
final class ServerCertificateRejectedByClientRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (e.side() != Side.SERVER) {
      return Optional.empty();
    }
    String alert = Facts.alertReceived(e, f);
    if (alert == null || !ClientCertificateRejectedRule.CERTIFICATE_ALERTS.contains(alert) || "access_denied".equals(alert)) {
      return Optional.empty();
    }
    if (!e.messagesSent().isEmpty() && !e.messagesSent().contains("certificate")) {
      return Optional.empty();
    }
    Cause cause;
    Confidence confidence = Confidence.MEDIUM;
    String meaning;
    switch (alert) {
      case "certificate_expired":
        cause = Cause.CERTIFICATE_EXPIRED;
        meaning = "it considers this server's certificate expired";
        break;
      case "certificate_revoked":
        cause = Cause.CERTIFICATE_REVOKED;
        meaning = "it considers this server's certificate revoked";
        break;
      case "unknown_ca":
        cause = Cause.UNTRUSTED_UNKNOWN_CA;
        meaning = "it does not trust the CA of this server's chain";
        break;
      case "unsupported_certificate":
        cause = Cause.CERTIFICATE_USAGE_NOT_PERMITTED;
        meaning = "it cannot use this server's certificate type or usage";
        confidence = Confidence.LOW;
        break;
      default:
        // bad_certificate / certificate_unknown: JDK clients send these for PKIX, host name and
        // (before 17.0.21) expiry failures alike.
        cause = Cause.UNTRUSTED_UNKNOWN_CA;
        meaning = "the alert does not say why; an untrusted or incomplete chain is the most common reason";
        confidence = Confidence.LOW;
    }
    OwnCertificateCheck own = OwnCertificateCheck.of(e);
    if (own != null) {
      boolean alertAgrees = own.cause == cause || !"certificate_expired".equals(alert) && !"certificate_revoked".equals(alert);
      if (alertAgrees) {
        return Optional.of(
            Diagnosis.builder(own.cause)
                .confidence(own.cause == cause || own.cause == Cause.CERTIFICATE_EXPIRED || own.cause == Cause.CERTIFICATE_NOT_YET_VALID
                    ? Confidence.HIGH : Confidence.MEDIUM)
                .summary("The client " + Facts.peer(e) + " rejected this server's certificate with alert " + alert + ": " + own.finding + ".")
                .fix(OwnCertificateFixes.fixFor(own.cause))
                .evidence("alert received from the client: " + alert + " after this server sent its certificate")
                .evidence(own.finding)
                .evidence(Facts.common(e))
                .alternative(cause == own.cause ? new Cause[0] : new Cause[] {cause})
                .responsibleParty(Diagnosis.SERVER)
                .build());
      }
    }
    Diagnosis.Builder d = Diagnosis.builder(cause)
        .confidence(confidence)
        .summary(Facts.named("The client", e) + " rejected this server's certificate with alert " + alert + " (" + meaning
            + "); check the certificate chain this server sends" + (e.clientHello() != null && !e.clientHello().serverNames().isEmpty()
                ? " for " + e.clientHello().serverNames().get(0) : "") + ".")
        .fix("Check what this server serves with `openssl s_client -connect <this-host>:<port> -servername <name> -showcerts`: serve the full chain "
            + "(leaf + intermediates) from a CA the clients trust, valid dates and a SAN for the name clients use; for an internal CA, clients must import its root into their trust store.")
        .evidence("alert received from the client: " + alert + " after this server sent its certificate")
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.SERVER);
    if (cause == Cause.UNTRUSTED_UNKNOWN_CA) {
      d.alternative(Cause.INCOMPLETE_CHAIN, Cause.UNTRUSTED_SELF_SIGNED);
    }
    if (confidence == Confidence.LOW) {
      d.alternative(Cause.CERTIFICATE_EXPIRED, Cause.HOSTNAME_MISMATCH, Cause.WEAK_CERTIFICATE_ALGORITHM, Cause.TLS_INTERCEPTION_SUSPECTED);
    }
    return Optional.of(d.build());
  }
}
