package io.handshakedoctor.emit;

import java.time.Duration;

/** Wraps a log-type output so a storm of equal failures becomes one line per interval. */
public final class RepeatLimitedOutput implements FailureOutput {
  private final FailureOutput delegate;
  private final RepeatFilter filter;

  public RepeatLimitedOutput(FailureOutput delegate, Duration interval) {
    this.delegate = delegate;
    this.filter = new RepeatFilter(interval.toNanos());
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    long standsFor = filter.admit(RepeatFilter.keyOf(event), System.nanoTime());
    if (standsFor > 0) {
      delegate.write(event, standsFor);
    }
  }
}
