package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.AlertSummary;

/** Reads an alert record fragment: {@code level(1) | description(1)} (RFC 8446 section 6). */
public final class AlertParser {
  private AlertParser() {}

  static final int WARNING = 1;
  static final int FATAL = 2;

  /**
   * The alert in a plaintext alert fragment, or null when the fragment is not exactly two bytes
   * with level warning(1) or fatal(2). The length check matters: after change_cipher_spec a
   * TLS 1.2 alert record is encrypted, and reading its first two bytes would invent an alert.
   */
  public static AlertSummary parse(byte[] fragment) {
    if (fragment == null || fragment.length != 2) {
      return null;
    }
    return parse(fragment, 0);
  }

  /** The alert at {@code data[offset]}, {@code data[offset+1]}, or null (bounds are the caller's). */
  static AlertSummary parse(byte[] data, int offset) {
    int level = data[offset] & 0xFF;
    if (level != WARNING && level != FATAL) {
      return null;
    }
    return new AlertSummary(TlsNames.alertDescription(data[offset + 1] & 0xFF), level == FATAL);
  }
}
