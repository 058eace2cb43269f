package io.handshakedoctor.wire;

import java.util.List;

/**
 * server_name (RFC 6066 section 3): {@code ServerName server_name_list<1..2^16-1>}, each entry
 * {@code name_type(1) | HostName host_name<1..2^16-1>}. Only name_type 0 (host_name) exists;
 * other types have the same shape, so they are skipped rather than ending the parse.
 */
final class ServerNameExtension {
  private ServerNameExtension() {}

  private static final int HOST_NAME = 0;
  /** DNS names are at most 253 characters; anything longer is cut for display. */
  private static final int MAX_NAME_CHARS = 512;

  /** Adds the host names to {@code out}; false if the data did not add up. */
  static boolean parse(ByteReader data, List<String> out) {
    ByteReader list = data.vector16();
    while (list.hasRemaining()) {
      int type = list.u8();
      ByteReader name = list.vector16();
      if (type == HOST_NAME && !name.malformed() && out.size() < CodeLists.MAX_ENTRIES) {
        byte[] bytes = name.rest();
        out.add(Printable.escape(bytes, 0, bytes.length, MAX_NAME_CHARS));
      }
    }
    return !list.malformed() && CodeLists.consumedExactly(data);
  }
}
