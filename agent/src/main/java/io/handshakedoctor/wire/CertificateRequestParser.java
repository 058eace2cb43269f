package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CertificateRequest body.
 *
 * <pre>
 * TLS 1.2 (RFC 5246 7.4.4): ClientCertificateType certificate_types&lt;1..2^8-1&gt;
 *                           SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;
 *                           DistinguishedName certificate_authorities&lt;0..2^16-1&gt;
 * TLS 1.0/1.1:              the same without supported_signature_algorithms
 * TLS 1.3 (RFC 8446 4.3.2): opaque certificate_request_context&lt;0..2^8-1&gt;
 *                           Extension extensions&lt;2..2^16-1&gt; (signature_algorithms 13,
 *                           certificate_authorities 47)
 * </pre>
 */
public final class CertificateRequestParser {
  private CertificateRequestParser() {}

  /** Parses the body after the 4-byte header. Never throws; null reads as empty. */
  public static CertificateRequestSummary parse(byte[] body, boolean tls13) {
    List<String> authorities = new ArrayList<>();
    List<String> schemes = new ArrayList<>();
    try {
      if (tls13) {
        readTls13(new ByteReader(body), authorities, schemes);
      } else {
        readTls12(body, authorities, schemes);
      }
    } catch (RuntimeException e) {
      // The reader never throws by design; this only keeps a parser bug out of the handshake.
    }
    return new CertificateRequestSummary(authorities, schemes);
  }

  private static void readTls13(ByteReader in, List<String> authorities, List<String> schemes) {
    in.vector8(); // certificate_request_context
    ByteReader extensions = in.vector16();
    Extensions.forEach(
        extensions,
        (type, data) -> {
          if (type == Extensions.SIGNATURE_ALGORITHMS) {
            CodeLists.readU16Vector(data, CodeLists.SIGNATURE_SCHEMES, schemes);
          } else if (type == Extensions.CERTIFICATE_AUTHORITIES) {
            CertificateAuthorities.parse(data, authorities);
          }
        });
  }

  private static void readTls12(byte[] body, List<String> authorities, List<String> schemes) {
    // The caller knows "not 1.3" but not whether it is 1.2 or older, and only 1.2 has the
    // signature algorithms field. Try the 1.2 layout; if it does not consume the body exactly,
    // try the 1.0/1.1 layout, and fall back to the partial 1.2 reading if neither fits.
    List<String> tls12Authorities = new ArrayList<>();
    List<String> tls12Schemes = new ArrayList<>();
    ByteReader in = new ByteReader(body);
    in.vector8(); // certificate_types
    CodeLists.readU16Vector(in, CodeLists.SIGNATURE_SCHEMES, tls12Schemes);
    CertificateAuthorities.parse(in, tls12Authorities);
    if (!CodeLists.consumedExactly(in)) {
      List<String> tls10Authorities = new ArrayList<>();
      ByteReader old = new ByteReader(body);
      old.vector8();
      boolean ok = CertificateAuthorities.parse(old, tls10Authorities);
      if (ok && CodeLists.consumedExactly(old)) {
        authorities.addAll(tls10Authorities);
        return;
      }
    }
    authorities.addAll(tls12Authorities);
    schemes.addAll(tls12Schemes);
  }
}
