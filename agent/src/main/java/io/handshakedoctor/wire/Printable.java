package io.handshakedoctor.wire;

/**
 * Turns wire bytes that are meant to be text (host names, ALPN ids, banners) into a string that
 * is safe to put in a log line: printable ASCII stays, everything else becomes {@code \xNN}.
 */
final class Printable {
  private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

  private Printable() {}

  /** Escapes {@code data[offset, offset+length)}, stopping once the result reaches maxChars. */
  static String escape(byte[] data, int offset, int length, int maxChars) {
    // Hostile input is mostly unprintable bytes: no String or Formatter per byte, only the builder.
    StringBuilder sb = new StringBuilder(Math.min(length, maxChars) + 8);
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      int b = data[i] & 0xFF;
      int pieceLength = b == '\\' ? 2 : (b >= 0x20 && b < 0x7F) ? 1 : 4;
      if (sb.length() + pieceLength > maxChars) {
        // leave room for the ellipsis so the result stays within maxChars
        while (sb.length() > Math.max(0, maxChars - 3)) {
          sb.setLength(sb.length() - 1);
        }
        sb.append("...");
        return sb.toString();
      }
      if (b == '\\') {
        sb.append('\\').append('\\');
      } else if (pieceLength == 1) {
        sb.append((char) b);
      } else {
        sb.append('\\').append('x').append(LOWER_HEX[b >> 4]).append(LOWER_HEX[b & 0xF]);
      }
    }
    return sb.toString();
  }

  static String escape(byte[] data) {
    return escape(data, 0, data.length, 1024);
  }
}
