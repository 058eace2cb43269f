package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;

/**
 * One way of recognising a cause in the evidence. Rules read only the evidence (plain values and
 * standard {@code java.*} exception types), never JSSE classes, so each can be tested alone.
 */
public interface DiagnosisRule {
  /** The diagnosis this rule makes, or empty when the rule does not apply. */
  Optional<Diagnosis> apply(HandshakeEvidence evidence);
}
