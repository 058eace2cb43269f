package io.handshakedoctor.evidence;

import java.util.Objects;

/** One TLS alert: its description (RFC 8446 name, e.g. {@code handshake_failure}) and level. */
public final class AlertSummary {
  private final String description;
  private final boolean fatal;

  public AlertSummary(String description, boolean fatal) {
    this.description = Objects.requireNonNull(description, "description");
    this.fatal = fatal;
  }

  public String description() {
    return description;
  }

  public boolean isFatal() {
    return fatal;
  }

  @Override
  public String toString() {
    return (fatal ? "fatal " : "warning ") + description;
  }
}
