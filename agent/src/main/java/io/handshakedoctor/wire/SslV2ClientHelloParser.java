package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.ClientHelloSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads an SSLv2-compatible ClientHello (RFC 5246 appendix E.2), which old clients, and JSSE
 * when SSLv2Hello is enabled, send instead of a TLS record:
 *
 * <pre>
 * length(2, high bit set) msg_type(1)=1 version(2) cipher_spec_length(2)
 * session_id_length(2) challenge_length(2) cipher_specs(3 each) session_id challenge
 * </pre>
 *
 * A cipher spec whose first byte is 0 is a TLS cipher suite; others are SSLv2 kinds, kept as hex.
 */
final class SslV2ClientHelloParser {
  private SslV2ClientHelloParser() {}

  static final int HEADER_LENGTH = 2;
  static final int CLIENT_HELLO = 1;

  /** True if the bytes start like an SSLv2-compatible ClientHello (as far as they go). */
  static boolean looksLikeSslV2Hello(byte[] data, int offset, int length) {
    if (length < 1 || (data[offset] & 0x80) == 0) {
      return false;
    }
    if (length >= 3 && (data[offset + 2] & 0xFF) != CLIENT_HELLO) {
      return false;
    }
    // version major: 0x00 for SSL 2.0 itself (0x0002), 0x03 for SSL 3.0 / TLS
    if (length >= 4) {
      int major = data[offset + 3] & 0xFF;
      return major == 0x00 || major == 0x03;
    }
    return true;
  }

  /** Total bytes the hello occupies (2-byte header plus its length), or -1 if unknown yet. */
  static int totalLength(byte[] data, int offset, int length) {
    if (length < HEADER_LENGTH) {
      return -1;
    }
    return HEADER_LENGTH + (((data[offset] & 0x7F) << 8) | (data[offset + 1] & 0xFF));
  }

  /** Parses the hello that starts at {@code offset}, including its 2-byte header. */
  static ClientHelloSummary parse(byte[] data, int offset, int length) {
    List<String> suites = new ArrayList<>();
    String legacyVersion = null;
    boolean malformed;
    ByteReader all = new ByteReader(data, offset, length);
    int declared = all.u16() & 0x7FFF;
    ByteReader in = all.sub(declared);
    in.u8(); // msg_type
    int version = in.u16();
    if (version >= 0) {
      legacyVersion = TlsNames.protocolVersion(version);
    }
    int cipherSpecLength = in.u16();
    int sessionIdLength = in.u16();
    int challengeLength = in.u16();
    ByteReader specs = in.sub(Math.max(0, cipherSpecLength));
    while (specs.remaining() >= 3) {
      int kind = specs.u8();
      int code = specs.u16();
      if (kind == 0 && TlsNames.isGrease(code)) {
        continue;
      }
      if (suites.size() < CodeLists.MAX_ENTRIES) {
        suites.add(kind == 0 ? TlsNames.cipherSuite(code) : TlsNames.hex24((kind << 16) | code));
      }
    }
    malformed = specs.hasRemaining() || cipherSpecLength % 3 != 0;
    in.skip(Math.max(0, sessionIdLength));
    in.skip(Math.max(0, challengeLength));
    malformed |= in.malformed() || in.hasRemaining() || all.malformed();
    List<String> none = Collections.emptyList();
    return new ClientHelloSummary(legacyVersion, none, suites, none, none, none, none, none, malformed);
  }
}
