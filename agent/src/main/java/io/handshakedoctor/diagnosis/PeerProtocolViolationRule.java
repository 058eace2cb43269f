package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * This JVM aborted because the peer's message broke the protocol: malformed, unexpected in that
 * state, or carrying an illegal value. JSSE's own message names what the peer sent; the alert
 * this side raised (unexpected_message, decode_error, illegal_parameter...) says which kind.
 */
final class PeerProtocolViolationRule implements DiagnosisRule {
  /** Alerts JSSE raises only when the peer's bytes break the protocol. */
  static final Set<String> VIOLATION_ALERTS = Set.of(
      "unexpected_message", "decode_error", "illegal_parameter", "bad_record_mac", "record_overflow",
      "decrypt_error", "missing_extension", "unsupported_extension", "bad_certificate_status_response",
      "decompression_failure");
  /** How JSSE words a peer's malformed or out-of-place message under other alerts. */
  static final Pattern VIOLATION_WORDING = Pattern.compile(
      "^(invalid|unexpected|unsupported|illegal|inconsistent|missing|malformed|duplicate|empty|unknown|"
          + "incorrect|improper|unrecognized|failed to parse|no mandatory|received|insufficient|"
          + "the (client|server) selected|.*\\b(not allowed|must not|must be|is not expected)\\b)");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    String alert = Facts.alertSentOrAttached(e);
    if (alert == null || "internal_error".equals(alert) || Facts.alertReceived(e, f) != null || e.failure() == null) {
      return Optional.empty(); // internal_error is JSSE's word for its own side's failure, whatever the message
    }
    String said = Failures.message(e.failure());
    boolean violation = VIOLATION_ALERTS.contains(alert) || VIOLATION_WORDING.matcher(Facts.lower(said)).find();
    if (!violation) {
      return Optional.empty();
    }
    String peer = Facts.capitalize(Facts.peerRole(e));
    return Optional.of(
        Diagnosis.builder(Cause.PEER_PROTOCOL_VIOLATION)
            .confidence(VIOLATION_ALERTS.contains(alert) ? Confidence.HIGH : Confidence.MEDIUM)
            .summary(peer + " sent something this JVM rejects as a TLS protocol violation: \"" + said + "\" (this side sent alert " + alert
                + "); the peer's TLS implementation, or a middlebox rewriting the handshake, is at fault.")
            .fix("Capture the handshake (tcpdump, or -Djavax.net.debug=ssl:handshake:verbose on this JVM) and report it to the peer's TLS vendor; "
                + "upgrade the peer's TLS library, and check for a proxy or load balancer that rewrites TLS on the path.")
            .evidence("JSSE: " + said)
            .evidence(Facts.common(e))
            .responsibleParty(Facts.peerParty(e))
            .build());
  }
}
