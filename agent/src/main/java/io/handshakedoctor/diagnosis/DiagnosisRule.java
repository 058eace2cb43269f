package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;

/**
 * One way of recognising a cause in the evidence. Rules read only what they are given (plain
 * values and standard {@code java.*} exception types), never JSSE classes or each other, so each
 * can be tested alone; what several rules share lives in {@link Facts} and {@link Failures}.
 */
public interface DiagnosisRule {
  /**
   * The diagnosis this rule makes, or empty when the rule does not apply. {@code failures} are
   * the evidence's exceptions, prepared once per diagnosis ({@link Failures#of(HandshakeEvidence)}).
   */
  Optional<Diagnosis> apply(HandshakeEvidence evidence, Failures failures);
}
