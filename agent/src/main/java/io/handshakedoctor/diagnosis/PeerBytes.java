package io.handshakedoctor.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Says what the first bytes of a peer that does not speak TLS look like. */
final class PeerBytes {
  private static final Pattern HTTP_REQUEST =
      Pattern.compile("^(GET|POST|PUT|HEAD|DELETE|OPTIONS|CONNECT|PATCH|TRACE) \\S+");
  private static final int MAX_LINE = 80;

  private PeerBytes() {}

  /** A TLS record header: content type 20..24, major version 3, minor version 0..4. */
  static boolean isTlsRecord(byte[] b) {
    return b != null && b.length >= 3 && b[0] >= 20 && b[0] <= 24 && b[1] == 3 && b[2] >= 0 && b[2] <= 4;
  }

  static boolean isHttpResponse(byte[] b) {
    return firstLine(b).startsWith("HTTP/");
  }

  static boolean isHttpRequest(byte[] b) {
    return HTTP_REQUEST.matcher(firstLine(b)).find();
  }

  /** E.g. {@code an HTTP response ("HTTP/1.1 400 Bad Request")}, {@code binary data (hex 00 01 ...)}. */
  static String describe(byte[] b) {
    if (b == null || b.length == 0) {
      return "no bytes (none were captured)";
    }
    String line = firstLine(b);
    String quoted = "(\"" + line + "\")";
    if (line.startsWith("HTTP/")) {
      return "an HTTP response " + quoted;
    }
    if (HTTP_REQUEST.matcher(line).find()) {
      return "a plain-text HTTP request " + quoted;
    }
    if (line.startsWith("SSH-")) {
      return "an SSH server banner " + quoted;
    }
    if (line.startsWith("220 ") || line.startsWith("220-")) {
      return "an SMTP or FTP greeting " + quoted;
    }
    if (line.startsWith("+OK")) {
      return "a POP3 greeting " + quoted;
    }
    if (line.startsWith("* OK")) {
      return "an IMAP greeting " + quoted;
    }
    if (line.startsWith("<")) {
      return "HTML or XML text " + quoted;
    }
    if (line.startsWith("{") || line.startsWith("[")) {
      return "JSON text " + quoted;
    }
    if (isTlsRecord(b)) {
      return "a TLS record of an unexpected kind (hex " + hex(b) + ")";
    }
    if (mostlyPrintable(b)) {
      return "plain text " + quoted;
    }
    return "binary data that is not a TLS record (hex " + hex(b) + ")";
  }

  /** The first line of the bytes as ASCII, non-printables replaced by '.', at most 80 chars. */
  static String firstLine(byte[] b) {
    if (b == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length && sb.length() < MAX_LINE; i++) {
      int c = b[i] & 0xFF;
      if (c == '\r' || c == '\n') {
        break;
      }
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
    }
    return sb.toString();
  }

  private static boolean mostlyPrintable(byte[] b) {
    int printable = 0;
    int n = Math.min(b.length, 64);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if ((c >= 0x20 && c < 0x7F) || c == '\r' || c == '\n' || c == '\t') {
        printable++;
      }
    }
    return n > 0 && printable * 10 >= n * 9;
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(b.length, 16);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    if (b.length > n) {
      sb.append(" ...");
    }
    return sb.toString();
  }

  static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }
}
