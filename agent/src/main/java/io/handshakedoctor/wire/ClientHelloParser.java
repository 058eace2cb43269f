package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.ClientHelloSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ClientHello body (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2):
 *
 * <pre>
 * legacy_version(2) random(32) legacy_session_id&lt;0..32&gt;
 * cipher_suites&lt;2..2^16-2&gt; legacy_compression_methods&lt;1..2^8-1&gt;
 * extensions&lt;8..2^16-1&gt;   (absent in very old TLS 1.0 clients)
 * </pre>
 *
 * Whatever could be read before the bytes stopped adding up is kept, with {@code malformed} set.
 */
public final class ClientHelloParser {
  private ClientHelloParser() {}

  private static final int RANDOM_LENGTH = 32;
  private static final int MAX_SESSION_ID = 32;

  /** Parses the body that follows the 4-byte handshake header. Never throws; null reads as empty. */
  public static ClientHelloSummary parse(byte[] body) {
    Builder hello = new Builder();
    try {
      hello.read(new ByteReader(body));
    } catch (RuntimeException e) {
      // The reader never throws by design; this only keeps a parser bug out of the handshake.
      hello.malformed = true;
    }
    ClientHelloFingerprints fingerprints = ClientHelloFingerprints.of(body);
    return fingerprints == null
        ? hello.build(null, null)
        : hello.build(fingerprints.ja3(), fingerprints.ja4());
  }

  /** Collects fields as they are read so that a truncated hello still yields the early ones. */
  /** Visits the hello's extensions itself (no method reference spun at the first parse). */
  private static final class Builder implements Extensions.Visitor {
    String legacyVersion;
    final List<String> supportedVersions = new ArrayList<>();
    final List<String> cipherSuites = new ArrayList<>();
    final List<String> serverNames = new ArrayList<>();
    final List<String> applicationProtocols = new ArrayList<>();
    final List<String> signatureSchemes = new ArrayList<>();
    final List<String> supportedGroups = new ArrayList<>();
    final List<String> keyShareGroups = new ArrayList<>();
    boolean malformed;

    void read(ByteReader in) {
      int version = in.u16();
      if (version < 0) {
        malformed = true;
        return;
      }
      legacyVersion = TlsNames.protocolVersion(version);
      in.skip(RANDOM_LENGTH);
      ByteReader sessionId = in.vector8();
      if (sessionId.remaining() > MAX_SESSION_ID) {
        malformed = true;
      }
      ByteReader suites = in.vector16();
      CodeLists.readU16Names(suites, CodeLists.CIPHER_SUITES, cipherSuites);
      if (suites.malformed()) {
        malformed = true;
        return;
      }
      ByteReader compression = in.vector8();
      if (in.malformed() || compression.remaining() == 0) {
        malformed = true;
        return;
      }
      if (!in.hasRemaining()) {
        return; // pre-RFC 4366 hellos end here; that is legal, not malformed
      }
      ByteReader extensions = in.vector16();
      boolean wellFormed = Extensions.forEach(extensions, this);
      if (!wellFormed || in.hasRemaining()) {
        malformed = true;
      }
    }

    @Override
    public void visit(int type, ByteReader data) {
      boolean ok = true;
      switch (type) {
        case Extensions.SERVER_NAME:
          ok = ServerNameExtension.parse(data, serverNames);
          break;
        case Extensions.SUPPORTED_GROUPS:
          ok = CodeLists.readU16Vector(data, CodeLists.NAMED_GROUPS, supportedGroups)
              && CodeLists.consumedExactly(data);
          break;
        case Extensions.SIGNATURE_ALGORITHMS:
          ok = CodeLists.readU16Vector(data, CodeLists.SIGNATURE_SCHEMES, signatureSchemes)
              && CodeLists.consumedExactly(data);
          break;
        case Extensions.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
          ok = AlpnExtension.parse(data, applicationProtocols);
          break;
        case Extensions.SUPPORTED_VERSIONS:
          ok = SupportedVersionsExtension.parseClient(data, supportedVersions);
          break;
        case Extensions.KEY_SHARE:
          ok = KeyShareExtension.parseClient(data, keyShareGroups);
          break;
        default:
          // Other extensions do not feed the summary.
          break;
      }
      if (!ok) {
        malformed = true;
      }
    }

    ClientHelloSummary build(String ja3, String ja4) {
      return new ClientHelloSummary(
          legacyVersion,
          supportedVersions,
          cipherSuites,
          serverNames,
          applicationProtocols,
          signatureSchemes,
          supportedGroups,
          keyShareGroups,
          malformed,
          ja3,
          ja4);
    }
  }
}
