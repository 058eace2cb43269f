package io.handshakedoctor.wire;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a peer's first bytes are: TLS (a record header, or an SSLv2-compatible hello) or not, and when not, what
 * they look like, for a sentence such as "the server answered with an HTTP response ("HTTP/1.1 400 Bad Request")".
 * The usual causes are a plain-text port (HTTP, SMTP before STARTTLS, SSH) or a proxy, and the first line says which.
 * The capture keeps a sample only when {@link #isTls} says no; the rules describe it.
 */
public final class PeerBytes {
  private static final Pattern HTTP_REQUEST =
      Pattern.compile("^(GET|POST|PUT|HEAD|DELETE|OPTIONS|CONNECT|PATCH|TRACE) \\S+");
  private static final int MAX_LINE = 80;

  private PeerBytes() {}

  /**
   * True when the bytes start like TLS: a record header (content type 20-24, major version 3, minor version 0-4),
   * judged on as many of its first three bytes as arrived, or an SSLv2-compatible hello. False for null or empty.
   */
  public static boolean isTls(byte[] b) {
    if (b == null || b.length == 0) {
      return false;
    }
    return TlsRecordParser.plausibleHeaderPrefix(b, 0, Math.min(b.length, TlsRecordParser.HEADER_LENGTH))
        || SslV2ClientHelloParser.looksLikeSslV2Hello(b, 0, b.length);
  }

  public static boolean isHttpResponse(byte[] b) {
    return firstLine(b).startsWith("HTTP/");
  }

  /**
   * E.g. {@code an HTTP response ("HTTP/1.1 400 Bad Request")}, {@code binary data that is not a TLS record (hex 00
   * 01 ...)}. A request line is quoted without its target beyond the path's first "/": query strings and paths carry
   * tokens and personal data, and the method and version are enough to name the mistake. Never throws.
   */
  public static String describe(byte[] b) {
    if (b == null || b.length == 0) {
      return "no bytes (none were captured)";
    }
    String line = firstLine(b);
    if (line.startsWith("HTTP/")) {
      return "an HTTP response " + quoted(line);
    }
    if (HTTP_REQUEST.matcher(line).find()) {
      return "a plain-text HTTP request " + quoted(requestLineWithoutTarget(line));
    }
    if (line.startsWith("SSH-")) {
      return "an SSH server banner " + quoted(line);
    }
    if (line.startsWith("220 ") || line.startsWith("220-")) {
      return "an SMTP or FTP greeting " + quoted(line);
    }
    if (line.startsWith("+OK")) {
      return "a POP3 greeting " + quoted(line);
    }
    if (line.startsWith("* OK")) {
      return "an IMAP greeting " + quoted(line);
    }
    if (line.startsWith("<")) {
      return "HTML or XML text " + quoted(line);
    }
    if (line.startsWith("{") || line.startsWith("[")) {
      return "JSON text " + quoted(line);
    }
    if (isTls(b)) {
      return "a TLS record of an unexpected kind (hex " + hex(b) + ")";
    }
    if (mostlyPrintable(b)) {
      return "plain text " + quoted(line);
    }
    return "binary data that is not a TLS record (hex " + hex(b) + ")";
  }

  private static String quoted(String line) {
    return "(\"" + line + "\")";
  }

  /** The first line of the bytes as ASCII, non-printables replaced by '.', at most 80 chars. */
  public static String firstLine(byte[] b) {
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

  /** The whole sample as ASCII, for a word anywhere in it. */
  public static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** {@code GET /reset?token=x HTTP/1.1} as {@code GET /... HTTP/1.1}; {@code /} and {@code *} stay. */
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

  private static String hex(byte[] b) {
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
}
