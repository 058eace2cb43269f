package io.handshakedoctor.wire;

import java.util.List;

/**
 * supported_versions (RFC 8446 section 4.2.1). In a ClientHello it is a list
 * {@code ProtocolVersion versions<2..254>}; in a ServerHello or HelloRetryRequest it is the
 * single version the server selected, which overrides the legacy version field.
 */
final class SupportedVersionsExtension {
  private SupportedVersionsExtension() {}

  /** Adds the offered versions (GREASE left out); false if the data did not add up. */
  static boolean parseClient(ByteReader data, List<String> out) {
    ByteReader list = data.vector8();
    CodeLists.readU16Names(list, CodeLists.PROTOCOL_VERSIONS, out);
    return !list.malformed() && CodeLists.consumedExactly(data);
  }

  /** The selected version code, or -1 if the data is not exactly two bytes. */
  static int parseServer(ByteReader data) {
    int version = data.u16();
    return CodeLists.consumedExactly(data) ? version : -1;
  }
}
