package io.handshakedoctor.emit;

import java.time.Duration;

/**
 * Wraps a log-type output so a storm of equal failures becomes one line per interval. The
 * failures held back are not lost: the next line of the same kind counts them, and at exit
 * ({@link #flush}) the last one held back of each kind is written with the count it stands for.
 */
public final class RepeatLimitedOutput implements FailureOutput {
  private final FailureOutput delegate;
  private final RepeatFilter filter;

  public RepeatLimitedOutput(FailureOutput delegate, Duration interval) {
    this.delegate = delegate;
    this.filter = new RepeatFilter(interval.toNanos());
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    long standsFor = filter.admit(RepeatFilter.keyOf(event), event, System.nanoTime());
    if (standsFor > 0) {
      delegate.write(event, standsFor);
    }
    for (RepeatFilter.Pending p : filter.takeForgotten()) {
      delegate.write(p.event, p.count);
    }
  }

  /** Warnings are limited where they are raised (once per peer and condition per interval). */
  @Override
  public void warn(WarningEvent warning) {
    delegate.warn(warning);
  }

  @Override
  public void flush() {
    for (RepeatFilter.Pending p : filter.drain()) {
      delegate.write(p.event, p.count);
    }
    delegate.flush();
  }
}
