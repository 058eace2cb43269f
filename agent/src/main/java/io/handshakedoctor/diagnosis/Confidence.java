package io.handshakedoctor.diagnosis;

import java.util.Locale;

/**
 * How directly the evidence names the cause: HIGH when JSSE itself said so (an exception type or
 * message from this side), MEDIUM/LOW when the cause is inferred from alerts or from what is
 * missing.
 */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** Lower-case id, e.g. {@code high}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
