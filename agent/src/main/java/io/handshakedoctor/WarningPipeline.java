package io.handshakedoctor;

import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.WarningEvent;
import io.handshakedoctor.inventory.Warning;
import java.util.function.Consumer;

/** Early warnings to every output the failures go to, each output isolated from the others. */
final class WarningPipeline implements Consumer<Warning> {
  /** Whatever outputs are current: a second attach may swap them. */
  private final Reporting reporting;
  private final InternalErrorReporter errors;

  WarningPipeline(Reporting reporting, InternalErrorReporter errors) {
    this.reporting = reporting;
    this.errors = errors;
  }

  @Override
  public void accept(Warning warning) {
    WarningEvent event = new WarningEvent(warning);
    for (FailureOutput output : reporting.current().outputs) {
      try {
        output.warn(event);
      } catch (Throwable t) {
        errors.internalError("writing a warning: " + output.getClass().getSimpleName(), t);
      }
    }
  }
}
