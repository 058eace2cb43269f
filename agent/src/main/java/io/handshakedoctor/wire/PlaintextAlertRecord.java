package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.AlertSummary;

/**
 * A peer's alert sent in clear where TLS 1.3 expects an encrypted record: OpenSSL clients send their
 * certificate rejection ({@code unknown_ca}...) this way after the server's encrypted flight, and
 * SunJSSE fails on it as an undecryptable record (JDK 17) or an "Unexpected plaintext alert" (JDK 25)
 * without naming it as received (JDK 25 names it in its message: {@code ConnectionReader#plaintextAlertNamedIn}).
 * Read only at failure time.
 */
public final class PlaintextAlertRecord {
  private static final int HEADER_LENGTH = 5;

  private PlaintextAlertRecord() {}

  /**
   * The alert of the first two-byte alert record ({@code 15 03 0x 00 02 level description}) among
   * the whole records at the start of {@code bytes} (a change_cipher_spec record may precede it);
   * null when there is none.
   */
  public static AlertSummary find(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    int pos = 0;
    while (pos + HEADER_LENGTH <= bytes.length) {
      int type = bytes[pos] & 0xFF;
      int length = ((bytes[pos + 3] & 0xFF) << 8) | (bytes[pos + 4] & 0xFF);
      if ((bytes[pos + 1] & 0xFF) != 0x03 || (bytes[pos + 2] & 0xFF) > 0x04) {
        return null; // not a TLS record header: garbage is someone else's diagnosis
      }
      if (type == TlsRecord.ALERT && length == 2 && pos + HEADER_LENGTH + 2 <= bytes.length) {
        AlertSummary alert = AlertParser.parse(bytes, pos + HEADER_LENGTH);
        return alert == null ? null : AlertSummary.inClearWhereEncryptedExpected(alert.description(), alert.isFatal());
      }
      if (type != TlsRecord.CHANGE_CIPHER_SPEC) {
        return null;
      }
      pos += HEADER_LENGTH + length;
    }
    return null;
  }
}
