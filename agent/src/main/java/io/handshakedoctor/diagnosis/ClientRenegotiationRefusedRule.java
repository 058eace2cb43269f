package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.Side;
import java.util.Optional;

/**
 * A renegotiation this server refuses: the client asked to renegotiate and the server rejects
 * client-initiated renegotiation ({@code jdk.tls.rejectClientInitiatedRenegotiation}), or the peer
 * lacks RFC 5746 secure renegotiation. The first handshake had succeeded; only the new one fails.
 */
final class ClientRenegotiationRefusedRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    boolean clientInitiated = f.mentions("Client initiated renegotiation is not allowed");
    boolean unsafe = f.mentions("Unsafe renegotiation is not allowed");
    if (!clientInitiated && !unsafe) {
      return e.side() == Side.CLIENT && e.renegotiation() ? refusedByServer(e, f) : Optional.empty();
    }
    PolicySetting reject = e.local().policy("jdk.tls.rejectClientInitiatedRenegotiation");
    Diagnosis.Builder d = Diagnosis.builder(Cause.CLIENT_RENEGOTIATION_REFUSED)
        .confidence(Confidence.HIGH)
        .evidence("JSSE: " + (clientInitiated ? "Client initiated renegotiation is not allowed" : "Unsafe renegotiation is not allowed"))
        .evidence(reject == null || !reject.isSet() ? null
            : "jdk.tls.rejectClientInitiatedRenegotiation = " + reject.value() + " (" + PolicySources.origin(reject) + ")")
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.CLIENT);
    if (clientInitiated) {
      d.summary(Facts.named("The client", e) + " tried to renegotiate an established TLS 1.2 connection and this server refuses client-initiated renegotiation"
              + (reject == null || !reject.isSet() ? "" : " (jdk.tls.rejectClientInitiatedRenegotiation=" + reject.value() + ", " + PolicySources.origin(reject) + ")")
              + "; the first handshake had succeeded.")
          .fix("Have the client open a new connection instead of renegotiating (with TLS 1.3, key updates and post-handshake authentication replace it); "
              + "allow it on this server only if required, by removing jdk.tls.rejectClientInitiatedRenegotiation=true "
              + (reject == null || !reject.isSet() ? "where it is set" : PolicySources.whereToChange(reject)) + ".");
    } else {
      d.summary(Facts.capitalize(Facts.peerRole(e)) + " tried to renegotiate without RFC 5746 secure renegotiation, which JSSE refuses.")
          .fix("Upgrade the peer to an implementation that supports the renegotiation_info extension (RFC 5746), or avoid renegotiation; "
              + "-Dsun.security.ssl.allowUnsafeRenegotiation=true re-opens a known attack and is not a fix.")
          .responsibleParty(Facts.peerParty(e));
    }
    return Optional.of(d.build());
  }

  /**
   * This client renegotiated an established connection and the server answered with a fatal
   * alert: the first handshake with the same configuration worked, so the server refuses the
   * renegotiation itself.
   */
  private static Optional<Diagnosis> refusedByServer(HandshakeEvidence e, Failures f) {
    String alert = Facts.alertReceived(e, f);
    if (!"handshake_failure".equals(alert) && !"no_renegotiation".equals(alert)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnosis.builder(Cause.CLIENT_RENEGOTIATION_REFUSED)
            .confidence(Confidence.MEDIUM)
            .summary(Facts.capitalize(Facts.peerRole(e)) + " answered this client's renegotiation of an established connection with alert "
                + alert + "; the first handshake on the connection had succeeded, so the server refuses client-initiated renegotiation.")
            .fix("Do not renegotiate: open a new connection (or use TLS 1.3, where renegotiation does not exist); "
                + "find what calls SSLSocket.startHandshake() or SSLEngine.beginHandshake() on an established connection.")
            .evidence("the connection had completed a handshake before this one; alert received: " + alert)
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.CLIENT)
            .build());
  }
}
