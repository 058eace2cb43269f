package io.handshakedoctor.wire;

import java.nio.charset.StandardCharsets;

/**
 * Names what a peer sent when it was not TLS, for a sentence such as "the peer answered with
 * an HTTP response (HTTP/1.1 400 Bad Request)". The usual causes are a plain-text port
 * (HTTP, SMTP before STARTTLS, SSH) or a proxy, and the first line says which.
 */
public final class PeerBytes {
  private PeerBytes() {}

  /** The most characters of the peer's first line quoted back. */
  static final int MAX_QUOTE = 60;
  /** Bytes shown as hex when the data is not text. */
  static final int HEX_BYTES = 8;

  private static final String[] HTTP_METHODS = {
    "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ", "PRI "
  };

  /**
   * Describes {@code firstBytes}, or returns null when they start like a TLS record (content
   * type 20-24 with version 0x03xx) or an SSLv2-compatible hello, so callers can use null as
   * "this is TLS". Null or empty input gives "no data". Works from 1 byte up; never throws.
   */
  public static String describe(byte[] firstBytes) {
    if (firstBytes == null || firstBytes.length == 0) {
      return "no data";
    }
    try {
      return describeNonEmpty(firstBytes);
    } catch (RuntimeException e) {
      // describeNonEmpty never throws by design; this only keeps a bug out of the handshake.
      return "binary data";
    }
  }

  private static String describeNonEmpty(byte[] bytes) {
    int probe = Math.min(bytes.length, TlsRecordParser.HEADER_LENGTH);
    if (TlsRecordParser.plausibleHeaderPrefix(bytes, 0, probe)
        || SslV2ClientHelloParser.looksLikeSslV2Hello(bytes, 0, bytes.length)) {
      return null;
    }
    String start = asciiPrefix(bytes, 16);
    if (start.startsWith("HTTP/")) {
      return "an HTTP response (" + firstLine(bytes) + ")";
    }
    for (String method : HTTP_METHODS) {
      if (start.startsWith(method)) {
        return "an HTTP request (" + requestLineWithoutTarget(firstLine(bytes)) + ")";
      }
    }
    if (start.startsWith("SSH-")) {
      return "an SSH banner (" + firstLine(bytes) + ")";
    }
    if (start.startsWith("220 ") || start.startsWith("220-")) {
      return "an SMTP or FTP greeting (" + firstLine(bytes) + ")";
    }
    if (start.startsWith("+OK")) {
      return "a POP3 greeting (" + firstLine(bytes) + ")";
    }
    if (start.startsWith("* OK") || start.startsWith("* PREAUTH")) {
      return "an IMAP greeting (" + firstLine(bytes) + ")";
    }
    if (firstLineIsText(bytes)) {
      return "a plain-text line (" + firstLine(bytes) + ")";
    }
    return "binary data (" + hex(bytes) + ")";
  }

  /** The first line (up to CR or LF), at most {@link #MAX_QUOTE} characters, non-printables escaped. */
  static String firstLine(byte[] bytes) {
    int end = lineEnd(bytes);
    return Printable.escape(bytes, 0, end, MAX_QUOTE);
  }

  /**
   * A request line without its target beyond the path's first "/": query strings and paths carry
   * tokens and personal data, and the method and version are enough to name the mistake.
   */
  static String requestLineWithoutTarget(String line) {
    int first = line.indexOf(' ');
    if (first < 0) {
      return line;
    }
    int last = line.lastIndexOf(' ');
    String target = last > first ? line.substring(first + 1, last) : line.substring(first + 1);
    String version = last > first ? line.substring(last) : "";
    if (target.equals("/") || target.equals("*") || target.isEmpty()) {
      return line;
    }
    return line.substring(0, first) + " " + (target.startsWith("/") ? "/..." : "...") + version;
  }

  private static int lineEnd(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r' || bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  /** Text if the first line (or its first 60 bytes) is printable ASCII or tabs and not empty. */
  private static boolean firstLineIsText(byte[] bytes) {
    int end = Math.min(lineEnd(bytes), MAX_QUOTE);
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if ((b < 0x20 && b != '\t') || b >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static String asciiPrefix(byte[] bytes, int max) {
    return new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.ISO_8859_1);
  }

  private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(bytes.length, HEX_BYTES);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      int b = bytes[i] & 0xFF;
      sb.append(LOWER_HEX[b >> 4]).append(LOWER_HEX[b & 0xF]);
    }
    if (bytes.length > n) {
      sb.append(" ...");
    }
    return sb.toString();
  }
}
