package io.handshakedoctor;

import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.Responsibility;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;

/**
 * Attached to a running service, the agent's first failure would load and run its diagnosis cold
 * inside the service's own failing handshake: the rules, evidence, event attributes and the
 * timestamp formatter, a few hundred classes. On the attach path only (never at start-up, where
 * it would cost every program), this runs that code once over a synthetic failure, on the
 * attaching thread and before the hooks are woven, so the service's first failure finds it
 * loaded. It writes nothing, counts nothing, never throws, and uses its own undecorated engine:
 * what a real failure reports does not change.
 */
final class AttachWarmUp {
  private AttachWarmUp() {}

  /** True when the synthetic failure went through; false when something in it failed (ignored). */
  static boolean prepare() {
    try {
      // The engine's own fault handler would report; a rule failing here is only a cold start later.
      DiagnosisEngine engine = new DiagnosisEngine(DiagnosisEngine.standardRules(), (what, fault) -> {});
      for (Side side : Side.values()) {
        HandshakeEvidence evidence =
            HandshakeEvidence.builder(side)
                .peer("attach-warm-up.invalid", 443)
                .failure(new SSLHandshakeException("handshake-doctor attach warm-up"))
                .failedAt(Instant.now())
                .elapsed(Duration.ZERO)
                .build();
        Diagnosis diagnosis = engine.diagnose(evidence); // matches no rule: every rule runs
        FailureEvent event = new FailureEvent(evidence, diagnosis);
        event.sentence();
        event.summary();
        Responsibility.of(event);
      }
      Instant.now().toString(); // the events' timestamp: java.time's formatter, some 50 classes
      // Built at the first healthy handshake the inventory records (its readers, Instant parsing).
      Class.forName(CertificateSummary.class.getName(), true, AttachWarmUp.class.getClassLoader());
      return true;
    } catch (Throwable t) {
      return false;
    }
  }
}
