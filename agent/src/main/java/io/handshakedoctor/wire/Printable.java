package io.handshakedoctor.wire;

/**
 * Turns wire bytes that are meant to be text (host names, ALPN ids, banners) into a string that
 * is safe to put in a log line: printable ASCII stays, everything else becomes {@code \xNN}.
 */
final class Printable {
  private Printable() {}

  /** Escapes {@code data[offset, offset+length)}, stopping once the result reaches maxChars. */
  static String escape(byte[] data, int offset, int length, int maxChars) {
    StringBuilder sb = new StringBuilder(Math.min(length, maxChars) + 8);
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      int b = data[i] & 0xFF;
      String piece;
      if (b == '\\') {
        piece = "\\\\";
      } else if (b >= 0x20 && b < 0x7F) {
        piece = String.valueOf((char) b);
      } else {
        piece = String.format("\\x%02x", b);
      }
      if (sb.length() + piece.length() > maxChars) {
        // leave room for the ellipsis so the result stays within maxChars
        while (sb.length() > Math.max(0, maxChars - 3)) {
          sb.setLength(sb.length() - 1);
        }
        sb.append("...");
        return sb.toString();
      }
      sb.append(piece);
    }
    return sb.toString();
  }

  static String escape(byte[] data) {
    return escape(data, 0, data.length, 1024);
  }
}
