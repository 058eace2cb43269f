package io.handshakedoctor.emit;

import io.handshakedoctor.capture.InternalErrorReporter;
import java.util.List;

/**
 * The log line and the events file behind one {@link BudgetedOutput}: the budget is decided once
 * per failure, so both get exactly the same reports and counts (two budgets would split a burst at
 * slightly different moments). Each output is isolated: one that throws does not silence the other.
 */
public final class SharedBudgetOutputs implements FailureOutput {
  private final List<FailureOutput> outputs;
  private final InternalErrorReporter errors;

  public SharedBudgetOutputs(List<FailureOutput> outputs, InternalErrorReporter errors) {
    this.outputs = List.copyOf(outputs);
    this.errors = errors;
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    for (FailureOutput o : outputs) {
      try {
        o.write(event, repeats);
      } catch (Throwable t) {
        errors.internalError("writing an output: " + o.getClass().getSimpleName(), t);
      }
    }
  }

  @Override
  public void writeSummary(FailureSummary summary) {
    for (FailureOutput o : outputs) {
      try {
        o.writeSummary(summary);
      } catch (Throwable t) {
        errors.internalError("writing an output: " + o.getClass().getSimpleName(), t);
      }
    }
  }

  /** Warnings pass the budget untouched (they are limited where raised) but must reach every output. */
  @Override
  public void warn(WarningEvent warning) {
    for (FailureOutput o : outputs) {
      try {
        o.warn(warning);
      } catch (Throwable t) {
        errors.internalError("writing a warning: " + o.getClass().getSimpleName(), t);
      }
    }
  }

  @Override
  public void exiting() {
    for (FailureOutput o : outputs) {
      o.exiting();
    }
  }

  @Override
  public void flush() {
    for (FailureOutput o : outputs) {
      try {
        o.flush();
      } catch (Throwable t) {
        errors.internalError("flushing an output: " + o.getClass().getSimpleName(), t);
      }
    }
  }
}
