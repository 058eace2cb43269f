package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** The peer stopped answering mid-handshake until a read timeout fired. */
final class HandshakeTimeoutRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (e.origin() != FailureOrigin.HANDSHAKE_TIMEOUT && !f.has(SocketTimeoutException.class)) {
      return Optional.empty();
    }
    boolean nothingBack = e.messagesReceived().isEmpty();
    String after = e.elapsed() == null ? "" : " after " + e.elapsed().toMillis() + " ms";
    String waitingFor = nothingBack
        ? "no handshake message ever arrived from " + Facts.peer(e)
        : "the last message received was " + e.messagesReceived().get(e.messagesReceived().size() - 1);
    Diagnosis.Builder d = Diagnosis.builder(Cause.HANDSHAKE_TIMEOUT)
        .confidence(Confidence.HIGH)
        .summary("The TLS handshake with " + Facts.peer(e) + " timed out" + after + ": " + waitingFor
            + (nothingBack ? " (a firewall or middlebox silently dropping the traffic, or an overloaded or non-TLS peer waiting for data)" : "")
            + ".")
        .fix(e.side() == Side.CLIENT
            ? "Check reachability and that " + Facts.peer(e) + " speaks TLS on that port (`openssl s_client -connect " + Facts.peer(e) + "`), firewall rules and MTU on the path; "
                + "raise the client's read/handshake timeout only if the server is just slow."
            : "Check the client and any load balancer in between; clients that connect and stay silent (idle probes) can be ignored, otherwise raise the server's handshake timeout.")
        .evidence(e.origin() == FailureOrigin.HANDSHAKE_TIMEOUT ? "the agent saw the handshake time out" : "SocketTimeoutException in the cause chain")
        .evidence(e.elapsed() == null ? null : "elapsed " + e.elapsed().toMillis() + " ms")
        .evidence(Facts.common(e))
        .responsibleParty(nothingBack ? Diagnosis.NETWORK_PATH : Diagnosis.UNKNOWN_PARTY);
    if (nothingBack && e.side() == Side.CLIENT) {
      d.alternative(Cause.NON_TLS_PEER);
    }
    return Optional.of(d.build());
  }
}
