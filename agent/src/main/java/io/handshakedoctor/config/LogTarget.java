package io.handshakedoctor.config;

/** Where the readable one-line diagnosis goes. */
public enum LogTarget {
  /** The host's logging (System.Logger, which the host may route to its framework). */
  AUTO,
  /** One line on standard error. */
  STDERR,
  /** Nowhere. */
  OFF
}
