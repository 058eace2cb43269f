package io.handshakedoctor.wire;

import java.util.List;

/**
 * key_share (RFC 8446 section 4.2.8). Three shapes: a ClientHello carries
 * {@code KeyShareEntry client_shares<0..2^16-1>}; a ServerHello carries one KeyShareEntry
 * {@code group(2) | opaque key_exchange<1..2^16-1>}; a HelloRetryRequest carries only the
 * 2-byte group the server wants the client to retry with.
 */
final class KeyShareExtension {
  private KeyShareExtension() {}

  /** Adds the groups the client sent shares for (GREASE left out); false if malformed. */
  static boolean parseClient(ByteReader data, List<String> out) {
    ByteReader list = data.vector16();
    while (list.hasRemaining()) {
      int group = list.u16();
      list.vector16(); // the public key itself says nothing about why a handshake failed
      if (group >= 0 && !TlsNames.isGrease(group) && out.size() < CodeLists.MAX_ENTRIES) {
        out.add(TlsNames.namedGroup(group));
      }
    }
    return !list.malformed() && CodeLists.consumedExactly(data);
  }

  /** The group of the server's single KeyShareEntry, or -1 if unreadable. */
  static int parseServerHello(ByteReader data) {
    int group = data.u16();
    data.vector16();
    return group;
  }

  /** The group a HelloRetryRequest asks for, or -1 if unreadable. */
  static int parseHelloRetryRequest(ByteReader data) {
    return data.u16();
  }
}
