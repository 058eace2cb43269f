package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;

/** Client and server share no application protocol (ALPN), e.g. h2-only client and http/1.1-only server. */
final class AlpnMismatchRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    boolean alert = "no_application_protocol".equals(Facts.alertReceived(e, f))
        || "no_application_protocol".equals(Facts.alertSentOrAttached(e));
    boolean message = f.mentions("No matching application layer protocol")
        || f.mentions("No matching ALPN values");
    if (!alert && !message) {
      return Optional.empty();
    }
    List<String> offered = e.clientHello() == null ? e.local().applicationProtocols() : e.clientHello().applicationProtocols();
    String offeredBy = e.side() == Side.CLIENT ? "this client" : Facts.named("the client", e);
    Diagnosis.Builder d = Diagnosis.builder(Cause.ALPN_MISMATCH)
        .confidence(alert ? Confidence.HIGH : Confidence.MEDIUM)
        .evidence("ALPN offered by the client " + Facts.list(offered))
        .evidence(e.side() == Side.SERVER ? "this server supports " + Facts.list(e.local().applicationProtocols()) : null)
        .evidence(Facts.common(e));
    if (e.side() == Side.SERVER) {
      d.summary(Facts.named("The client", e) + " offered application protocols " + Facts.list(offered)
              + " and this server supports none of them " + Facts.list(e.local().applicationProtocols()) + ".")
          .fix("Add one of the client's protocols to this server's SSLParameters.setApplicationProtocols (or the framework's ALPN setting), or configure the client to offer http/1.1.")
          .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    } else {
      d.summary(Facts.named("The server", e) + " supports none of the application protocols " + offeredBy + " offered "
              + Facts.list(offered) + " (alert no_application_protocol); one side must add the other's protocol.")
          .fix("Offer http/1.1 as a fallback on this client (SSLParameters.setApplicationProtocols, or the HTTP client's version setting), "
              + "or enable the protocol on the server (nginx `http2 on;`, Envoy `alpn_protocols: [h2, http/1.1]`, HAProxy `alpn h2,http/1.1`).")
          .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    }
    return Optional.of(d.build());
  }
}
