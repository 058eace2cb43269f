package io.handshakedoctor.evidence;

import java.util.Objects;

/** One TLS alert: its description (RFC 8446 name, e.g. {@code handshake_failure}) and level. */
public final class AlertSummary {
  private final String description;
  private final boolean fatal;
  private final boolean inClearWhereEncryptedExpected;

  public AlertSummary(String description, boolean fatal) {
    this(description, fatal, false);
  }

  private AlertSummary(String description, boolean fatal, boolean inClearWhereEncryptedExpected) {
    this.description = Objects.requireNonNull(description, "description");
    this.fatal = fatal;
    this.inClearWhereEncryptedExpected = inClearWhereEncryptedExpected;
  }

  /**
   * An alert the peer sent as a plaintext record where TLS 1.3 expects an encrypted one (OpenSSL
   * clients rejecting a server's certificate): the engine failed on the record, not on the alert.
   */
  public static AlertSummary inClearWhereEncryptedExpected(String description, boolean fatal) {
    return new AlertSummary(description, fatal, true);
  }

  public boolean isInClearWhereEncryptedExpected() {
    return inClearWhereEncryptedExpected;
  }

  public String description() {
    return description;
  }

  public boolean isFatal() {
    return fatal;
  }

  @Override
  public String toString() {
    return (fatal ? "fatal " : "warning ") + description
        + (inClearWhereEncryptedExpected ? " (the peer sent a plaintext alert " + description + " where an encrypted record was expected)" : "");
  }
}
