package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.ServerHelloSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ServerHello body (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3):
 *
 * <pre>
 * legacy_version(2) random(32) legacy_session_id_echo&lt;0..32&gt;
 * cipher_suite(2) legacy_compression_method(1) extensions&lt;6..2^16-1&gt;
 * </pre>
 *
 * A TLS 1.3 HelloRetryRequest has the same shape and is told apart only by its fixed random.
 * The negotiated version is the supported_versions extension when present (TLS 1.3), otherwise
 * the version field (TLS 1.2 and earlier).
 */
public final class ServerHelloParser {
  private ServerHelloParser() {}

  /** SHA-256("HelloRetryRequest"), RFC 8446 section 4.1.3. */
  static final byte[] HELLO_RETRY_REQUEST_RANDOM = {
    (byte) 0xCF, (byte) 0x21, (byte) 0xAD, (byte) 0x74, (byte) 0xE5, (byte) 0x9A, (byte) 0x61,
    (byte) 0x11, (byte) 0xBE, (byte) 0x1D, (byte) 0x8C, (byte) 0x02, (byte) 0x1E, (byte) 0x65,
    (byte) 0xB8, (byte) 0x91, (byte) 0xC2, (byte) 0xA2, (byte) 0x11, (byte) 0x16, (byte) 0x7A,
    (byte) 0xBB, (byte) 0x8C, (byte) 0x5E, (byte) 0x07, (byte) 0x9E, (byte) 0x09, (byte) 0xE2,
    (byte) 0xC8, (byte) 0xA8, (byte) 0x33, (byte) 0x9C
  };

  /** Parses the body that follows the 4-byte handshake header. Never throws; null reads as empty. */
  public static ServerHelloSummary parse(byte[] body) {
    Builder hello = new Builder();
    try {
      hello.read(new ByteReader(body));
    } catch (RuntimeException e) {
      // The reader never throws by design; this only keeps a parser bug out of the handshake.
      hello.malformed = true;
    }
    return hello.build();
  }

  /** Visits the hello's extensions itself (no method reference spun at the first parse). */
  private static final class Builder implements Extensions.Visitor {
    int legacyVersion = -1;
    int selectedVersion = -1;
    String cipherSuite;
    boolean helloRetryRequest;
    String selectedGroup;
    String applicationProtocol;
    boolean malformed;

    void read(ByteReader in) {
      legacyVersion = in.u16();
      if (legacyVersion < 0) {
        malformed = true;
        return;
      }
      helloRetryRequest = in.startsWith(HELLO_RETRY_REQUEST_RANDOM);
      in.skip(HELLO_RETRY_REQUEST_RANDOM.length);
      in.vector8(); // session id echo
      int suite = in.u16();
      if (suite >= 0) {
        cipherSuite = TlsNames.cipherSuite(suite);
      }
      in.u8(); // compression method
      if (in.malformed()) {
        malformed = true;
        return;
      }
      if (!in.hasRemaining()) {
        return; // a TLS 1.2-or-earlier ServerHello may omit extensions entirely
      }
      ByteReader extensions = in.vector16();
      boolean wellFormed = Extensions.forEach(extensions, this);
      if (!wellFormed || in.hasRemaining()) {
        malformed = true;
      }
    }

    @Override
    public void visit(int type, ByteReader data) {
      switch (type) {
        case Extensions.SUPPORTED_VERSIONS:
          selectedVersion = SupportedVersionsExtension.parseServer(data);
          if (selectedVersion < 0) {
            malformed = true;
          }
          break;
        case Extensions.KEY_SHARE:
          int group = helloRetryRequest
              ? KeyShareExtension.parseHelloRetryRequest(data)
              : KeyShareExtension.parseServerHello(data);
          if (group >= 0) {
            selectedGroup = TlsNames.namedGroup(group);
          }
          if (!CodeLists.consumedExactly(data)) {
            malformed = true;
          }
          break;
        case Extensions.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
          List<String> protocols = new ArrayList<>(1);
          if (!AlpnExtension.parse(data, protocols) || protocols.size() != 1) {
            malformed = true;
          }
          if (!protocols.isEmpty()) {
            applicationProtocol = protocols.get(0);
          }
          break;
        default:
          break;
      }
    }

    ServerHelloSummary build() {
      String version = null;
      if (selectedVersion >= 0) {
        version = TlsNames.protocolVersion(selectedVersion);
      } else if (legacyVersion >= 0) {
        version = TlsNames.protocolVersion(legacyVersion);
      }
      return new ServerHelloSummary(
          version, cipherSuite, helloRetryRequest, selectedGroup, applicationProtocol, malformed);
    }
  }
}
