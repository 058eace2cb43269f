package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;

/**
 * This JVM's own TLS stack ended the handshake for a reason that is not the peer's: an internal
 * error in JSSE or its crypto provider, a local capability missing for what was negotiated (no
 * key or credentials that fit, a key that cannot sign), or the application using the API wrongly
 * (an engine given too small a buffer, a handshake that cannot be started). JSSE's message is the
 * fact; nothing more specific matched.
 */
final class LocalTlsStackFailureRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    String alert = Facts.alertSentOrAttached(e);
    if (alert == null || Facts.alertReceived(e, f) != null || e.failure() == null) {
      return Optional.empty();
    }
    String said = Failures.message(e.failure());
    boolean internal = "internal_error".equals(alert);
    return Optional.of(
        Diagnosis.builder(Cause.LOCAL_TLS_STACK_FAILURE)
            .confidence(internal ? Confidence.MEDIUM : Confidence.LOW)
            .summary("This JVM's TLS stack ended the handshake with " + Facts.peerRole(e) + " on its own side: \"" + said + "\" (alert " + alert + "); "
                + "JSSE, its crypto provider, the local key material or the application's use of the API failed, not the peer.")
            .fix("Check this JVM's key material and security providers for what was negotiated (key type and size, signature algorithms), "
                + "how the application drives the SSLEngine/SSLSocket (buffer sizes from SSLSession.getPacketBufferSize, client/server mode set before the handshake), "
                + "and reproduce with -Djavax.net.debug=ssl:handshake:verbose; a JDK update may fix a JSSE defect.")
            .evidence("JSSE: " + said)
            .evidence(Facts.common(e))
            .alternative(internal ? new Cause[0] : new Cause[] {Cause.PEER_PROTOCOL_VIOLATION})
            .responsibleParty(Diagnosis.LOCAL_JVM)
            .build());
  }
}
