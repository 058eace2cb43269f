package io.handshakedoctor.emit;

/** A place failure events are written to. */
public interface FailureOutput {
  /**
   * Writes one event; {@code repeats} is how many equal failures (same side, cause and peer) it
   * stands for since the last one written, 1 when it is the first.
   */
  void write(FailureEvent event, long repeats);

  /** Writes a summary of failures held back over an interval (outputs that never hold back ignore it). */
  default void writeSummary(FailureSummary summary) {}

  /** Writes whatever is held back (called once, at exit). */
  default void flush() {}
}
