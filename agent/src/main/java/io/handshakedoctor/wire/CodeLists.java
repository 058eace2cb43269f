package io.handshakedoctor.wire;

import java.util.List;
import java.util.function.IntFunction;

/** Reads lists of 2-byte codes (cipher suites, groups, signature schemes, versions). */
final class CodeLists {
  private CodeLists() {}

  /** The most entries kept from any one list; a 2^16-byte vector could hold 32767. */
  static final int MAX_ENTRIES = 1024;

  /**
   * Appends the name of every 2-byte code left in {@code reader} to {@code out}, leaving out
   * GREASE values. An odd trailing byte marks the reader malformed.
   */
  static void readU16Names(ByteReader reader, IntFunction<String> namer, List<String> out) {
    while (reader.remaining() >= 2) {
      int code = reader.u16();
      if (!TlsNames.isGrease(code) && out.size() < MAX_ENTRIES) {
        out.add(namer.apply(code));
      }
    }
    if (reader.hasRemaining()) {
      reader.skip(reader.remaining());
      reader.markMalformed();
    }
  }

  /** Reads a {@code uint16 list<..>} with a 2-byte length prefix; false if it did not add up. */
  static boolean readU16Vector(ByteReader reader, IntFunction<String> namer, List<String> out) {
    ByteReader list = reader.vector16();
    readU16Names(list, namer, out);
    return !list.malformed();
  }

  /** True when an extension's data was consumed exactly and nothing ran short. */
  static boolean consumedExactly(ByteReader data) {
    return !data.malformed() && !data.hasRemaining();
  }
}
