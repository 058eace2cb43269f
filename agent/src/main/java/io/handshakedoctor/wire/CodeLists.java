package io.handshakedoctor.wire;

import java.util.List;

/** Reads lists of 2-byte codes (cipher suites, groups, signature schemes, versions). */
final class CodeLists {
  private CodeLists() {}

  /** The most entries kept from any one list; a 2^16-byte vector could hold 32767. */
  static final int MAX_ENTRIES = 1024;

  // What a list's codes are, for their names (a switch, not a method reference spun at the first parse).
  static final int CIPHER_SUITES = 0;
  static final int PROTOCOL_VERSIONS = 1;
  static final int NAMED_GROUPS = 2;
  static final int SIGNATURE_SCHEMES = 3;

  /**
   * Appends the name of every 2-byte code left in {@code reader} to {@code out}, leaving out
   * GREASE values. An odd trailing byte marks the reader malformed.
   */
  static void readU16Names(ByteReader reader, int codes, List<String> out) {
    while (reader.remaining() >= 2) {
      int code = reader.u16();
      if (!TlsNames.isGrease(code) && out.size() < MAX_ENTRIES) {
        out.add(nameOf(codes, code));
      }
    }
    if (reader.hasRemaining()) {
      reader.skip(reader.remaining());
      reader.markMalformed();
    }
  }

  /** Reads a {@code uint16 list<..>} with a 2-byte length prefix; false if it did not add up. */
  static boolean readU16Vector(ByteReader reader, int codes, List<String> out) {
    ByteReader list = reader.vector16();
    readU16Names(list, codes, out);
    return !list.malformed();
  }

  private static String nameOf(int codes, int code) {
    switch (codes) {
      case CIPHER_SUITES:
        return TlsNames.cipherSuite(code);
      case PROTOCOL_VERSIONS:
        return TlsNames.protocolVersion(code);
      case NAMED_GROUPS:
        return TlsNames.namedGroup(code);
      case SIGNATURE_SCHEMES:
        return TlsNames.signatureScheme(code);
      default:
        throw new IllegalArgumentException("no TLS code list " + codes);
    }
  }

  /** True when an extension's data was consumed exactly and nothing ran short. */
  static boolean consumedExactly(ByteReader data) {
    return !data.malformed() && !data.hasRemaining();
  }
}
