package io.handshakedoctor.diagnosis;

import java.util.Locale;

/** The family a {@link Cause} belongs to; the stable id is used in reports and metrics. */
public enum Category {
  CIPHER_SUITE_MISMATCH,
  PROTOCOL_VERSION_MISMATCH,
  CERTIFICATE_VALIDATION,
  SNI,
  MIDDLEBOX_INTERFERENCE,
  CLIENT_CERTIFICATE,
  OTHER;

  /** Snake-case id, e.g. {@code cipher_suite_mismatch}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
