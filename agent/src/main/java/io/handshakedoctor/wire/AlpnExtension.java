package io.handshakedoctor.wire;

import java.util.List;

/**
 * application_layer_protocol_negotiation (RFC 7301):
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, each {@code opaque ProtocolName<1..2^8-1>}.
 * The client offers a list; the server answers with a list of exactly one.
 */
final class AlpnExtension {
  private AlpnExtension() {}

  /** Adds the protocol ids to {@code out}; false if the data did not add up. */
  static boolean parse(ByteReader data, List<String> out) {
    ByteReader list = data.vector16();
    while (list.hasRemaining()) {
      ByteReader name = list.vector8();
      if (!name.malformed() && out.size() < CodeLists.MAX_ENTRIES) {
        out.add(Printable.escape(name.rest()));
      }
    }
    return !list.malformed() && CodeLists.consumedExactly(data);
  }
}
