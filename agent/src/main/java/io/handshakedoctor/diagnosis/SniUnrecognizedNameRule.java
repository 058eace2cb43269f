package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Optional;

/** The server does not serve the host name the client put in SNI. */
final class SniUnrecognizedNameRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    boolean serverSaid = f.mentions("Unrecognized server name indication");
    boolean alert = "unrecognized_name".equals(Facts.alertReceived(e, f))
        || (e.side() == Side.SERVER && "unrecognized_name".equals(Facts.alertSentOrAttached(e)));
    if (!serverSaid && !alert) {
      return Optional.empty();
    }
    String name = e.clientHello() != null && !e.clientHello().serverNames().isEmpty()
        ? e.clientHello().serverNames().get(0) : e.intendedServerName();
    Diagnosis.Builder d = Diagnosis.builder(Cause.SNI_UNRECOGNIZED_NAME).confidence(Confidence.HIGH).evidence(Facts.common(e));
    if (e.side() == Side.SERVER) {
      d.summary(Facts.named("The client", e) + " asked for server name '" + name
              + "', which this server's SNI matchers do not accept; either the client uses the wrong name or this server must add it.")
          .fix("Add '" + name + "' to this server's SNIMatcher list (SSLParameters.setSNIMatchers) and serve a certificate for it, or have the client connect with a configured name.")
          .responsibleParty(Diagnosis.LOCAL_JVM);
    } else {
      d.summary(Facts.named("The server", e) + " answered alert unrecognized_name: it has no virtual host for the SNI name '" + name
              + "' this client sent; the server must be configured for that name (or the client must use a name it serves).")
          .fix("On the server add a TLS virtual host for '" + name + "' (nginx `server_name " + name + ";` with its `ssl_certificate`, Apache `ServerName`, "
              + "HAProxy `crt` per name / `crt-list`), or connect using a host name the server serves.")
          .responsibleParty(Diagnosis.SERVER);
    }
    return Optional.of(d.build());
  }
}
