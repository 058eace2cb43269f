package io.handshakedoctor.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a Certificate message body into its DER certificates, leaf first.
 *
 * <pre>
 * TLS 1.2 (RFC 5246 7.4.2):  ASN.1Cert certificate_list&lt;0..2^24-1&gt;, each opaque&lt;1..2^24-1&gt;
 * TLS 1.3 (RFC 8446 4.4.2):  opaque certificate_request_context&lt;0..2^8-1&gt;
 *                            CertificateEntry certificate_list&lt;0..2^24-1&gt;, each
 *                            opaque cert_data&lt;1..2^24-1&gt; Extension extensions&lt;0..2^16-1&gt;
 * </pre>
 *
 * The certificates are returned undecoded: decoding is the caller's business, and a chain with
 * one unparsable certificate still says something useful.
 */
public final class CertificateMessageParser {
  private CertificateMessageParser() {}

  /** Real chains are a handful long; this bounds what a hostile peer can make us keep. */
  static final int MAX_CERTIFICATES = 64;

  /**
   * The DER certificates in the body (after the 4-byte header), leaf first. Entries that ran
   * past the end of the message are left out. Never throws; null reads as empty.
   */
  public static List<byte[]> parse(byte[] body, boolean tls13) {
    List<byte[]> certificates = new ArrayList<>();
    try {
      ByteReader in = new ByteReader(body);
      if (tls13) {
        in.vector8(); // certificate_request_context
      }
      ByteReader list = in.vector24();
      while (list.hasRemaining() && certificates.size() < MAX_CERTIFICATES) {
        ByteReader certificate = list.vector24();
        if (certificate.malformed()) {
          break;
        }
        certificates.add(certificate.rest());
        if (tls13) {
          list.vector16(); // per-certificate extensions (OCSP status, SCTs)
        }
      }
    } catch (RuntimeException e) {
      // The reader never throws by design; this only keeps a parser bug out of the handshake.
    }
    return Collections.unmodifiableList(certificates);
  }
}
