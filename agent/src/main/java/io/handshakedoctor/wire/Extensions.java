package io.handshakedoctor.wire;

/**
 * Walks a hello's extensions block ({@code Extension extensions<0..2^16-1>}, each
 * {@code type(2) | opaque data<0..2^16-1>}) and hands each extension's data to a visitor.
 */
final class Extensions {
  private Extensions() {}

  static final int SERVER_NAME = 0;
  static final int SUPPORTED_GROUPS = 10;
  static final int SIGNATURE_ALGORITHMS = 13;
  static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
  static final int SUPPORTED_VERSIONS = 43;
  static final int CERTIFICATE_AUTHORITIES = 47;
  static final int SIGNATURE_ALGORITHMS_CERT = 50;
  static final int KEY_SHARE = 51;

  /** More than any real hello carries; 2^16 bytes could otherwise hold 16384 empty ones. */
  static final int MAX_EXTENSIONS = 1024;

  interface Visitor {
    /** Called once per extension; {@code data} covers exactly that extension's body. */
    void visit(int type, ByteReader data);
  }

  /**
   * Visits every extension in {@code block} (the contents of the 2-byte-length vector).
   * Returns false if the block did not add up (an extension ran past its end, or more than
   * {@link #MAX_EXTENSIONS}).
   */
  static boolean forEach(ByteReader block, Visitor visitor) {
    int count = 0;
    while (block.hasRemaining()) {
      if (count++ >= MAX_EXTENSIONS) {
        return false;
      }
      int type = block.u16();
      ByteReader data = block.vector16();
      if (type < 0) {
        break;
      }
      visitor.visit(type, data);
    }
    return !block.malformed();
  }
}
