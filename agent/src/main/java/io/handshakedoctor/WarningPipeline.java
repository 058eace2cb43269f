package io.handshakedoctor;

import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.WarningEvent;
import io.handshakedoctor.inventory.Warning;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Early warnings to every output the failures go to, each output isolated from the others. */
final class WarningPipeline implements Consumer<Warning> {
  private final Supplier<List<FailureOutput>> outputs;
  private final InternalErrorReporter errors;

  WarningPipeline(Supplier<List<FailureOutput>> outputs, InternalErrorReporter errors) {
    this.outputs = outputs;
    this.errors = errors;
  }

  @Override
  public void accept(Warning warning) {
    WarningEvent event = new WarningEvent(warning);
    for (FailureOutput output : outputs.get()) {
      try {
        output.warn(event);
      } catch (Throwable t) {
        errors.internalError("writing a warning: " + output.getClass().getSimpleName(), t);
      }
    }
  }
}
