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

  /** The JVM is exiting: the host's logging may already be shutting down. Called before {@link #flush}. */
  default void exiting() {}

  /** Writes whatever is held back (at exit, or when a second attach replaces this output). */
  default void flush() {}
}
