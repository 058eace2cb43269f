package io.handshakedoctor.wire;

import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the {@code DistinguishedName authorities<3..2^16-1>} list shared by the TLS 1.2
 * CertificateRequest and the TLS 1.3 certificate_authorities extension, each entry
 * {@code opaque DistinguishedName<1..2^16-1>} holding a DER-encoded X.501 Name.
 */
final class CertificateAuthorities {
  private CertificateAuthorities() {}

  /** Adds each authority as an RFC 2253 string to {@code out}; false if the list was malformed. */
  static boolean parse(ByteReader reader, List<String> out) {
    ByteReader list = reader.vector16();
    boolean wellFormed = true;
    while (list.hasRemaining()) {
      ByteReader name = list.vector16();
      if (name.malformed()) {
        break;
      }
      if (out.size() >= CodeLists.MAX_ENTRIES) {
        continue; // walk the rest for well-formedness, decode no more
      }
      byte[] der = name.rest();
      String decoded = decode(der);
      if (decoded == null) {
        wellFormed = false;
        decoded = "undecodable distinguished name (" + der.length + " bytes)";
      }
      out.add(decoded);
    }
    return wellFormed && !list.malformed();
  }

  /**
   * DER to RFC 2253, or null. The JDK's DER decoder throws on garbage; a server's odd CA list
   * must not turn into an exception inside the application's handshake, so everything is caught.
   */
  static String decode(byte[] der) {
    if (!looksLikeDerSequence(der)) {
      return null; // the JDK's decoder would throw, and an exception per entry is costly
    }
    try {
      return new X500Principal(der).getName(X500Principal.RFC2253);
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** A DER SEQUENCE whose length field accounts for exactly the bytes given. */
  static boolean looksLikeDerSequence(byte[] der) {
    if (der == null || der.length < 2 || der[0] != 0x30) {
      return false;
    }
    int first = der[1] & 0xFF;
    if (first < 0x80) {
      return first == der.length - 2;
    }
    int lengthBytes = first & 0x7F;
    if (lengthBytes == 0 || lengthBytes > 3 || der.length < 2 + lengthBytes) {
      return false;
    }
    int length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = (length << 8) | (der[2 + i] & 0xFF);
    }
    return length == der.length - 2 - lengthBytes;
  }
}
