package io.handshakedoctor;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.function.Supplier;

/**
 * Evidence in, diagnosis out, to every output, on the failing thread: the exception must carry
 * the diagnosis before the application sees it. Each stage is isolated, so one failing output
 * does not silence the others. Every failure is counted, even with reporting turned off.
 */
final class FailurePipeline implements FailureSink {
  private final Supplier<DiagnosisEngine> engineFactory;
  private volatile DiagnosisEngine engine;
  private final Reporting reporting;
  private final InternalErrorReporter errors;

  FailurePipeline(
      Supplier<DiagnosisEngine> engineFactory, Reporting reporting, InternalErrorReporter errors) {
    this.engineFactory = engineFactory;
    this.reporting = reporting;
    this.errors = errors;
  }

  @Override
  public void handshakeFailed(HandshakeEvidence evidence, Throwable thrown, Object requestContext) {
    reporting.countFailure();
    if (!reporting.on()) {
      return;
    }
    Reporting.Outputs current = reporting.current();
    Diagnosis diagnosis = engine().diagnose(evidence);
    FailureEvent event = new FailureEvent(evidence, diagnosis, requestContext);
    try {
      current.enricher.enrich(thrown, event);
    } catch (Throwable t) {
      errors.internalError("enriching the exception", t);
    }
    for (FailureOutput output : current.outputs) {
      try {
        output.write(event, 1);
      } catch (Throwable t) {
        // One kind ("writing an output"), whichever output failed: reported once, not per output.
        errors.internalError("writing an output: " + output.getClass().getSimpleName(), t);
      }
    }
  }

  /** The rules are built at the first failure, not at start-up. */
  private DiagnosisEngine engine() {
    DiagnosisEngine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          e = engineFactory.get();
          engine = e;
        }
      }
    }
    return e;
  }
}
