package io.handshakedoctor.wire;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Code-to-name lookups for the TLS registries the diagnosis talks about. Names follow JSSE's
 * spelling (OpenJDK sun.security.ssl) so they compare equal to the strings the application
 * configured; codes nobody named render as {@code 0x%04X}. No method throws.
 */
public final class TlsNames {
  private TlsNames() {}

  private static final Map<Integer, String> GROUPS = new HashMap<>();
  private static final Map<Integer, String> SIGNATURE_SCHEMES = new HashMap<>();

  static {
    // Named groups (RFC 8422, RFC 7919, RFC 8446, RFC 8734, draft-ietf-tls-ecdhe-mlkem).
    String[] curves = {
      null, "sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1",
      "sect233r1", "sect239k1", "sect283k1", "sect283r1", "sect409k1", "sect409r1", "sect571k1",
      "sect571r1", "secp160k1", "secp160r1", "secp160r2", "secp192k1", "secp192r1", "secp224k1",
      "secp224r1", "secp256k1", "secp256r1", "secp384r1", "secp521r1", "brainpoolP256r1",
      "brainpoolP384r1", "brainpoolP512r1", "x25519", "x448", "brainpoolP256r1tls13",
      "brainpoolP384r1tls13", "brainpoolP512r1tls13"
    };
    for (int i = 1; i < curves.length; i++) {
      GROUPS.put(i, curves[i]);
    }
    GROUPS.put(0x0100, "ffdhe2048");
    GROUPS.put(0x0101, "ffdhe3072");
    GROUPS.put(0x0102, "ffdhe4096");
    GROUPS.put(0x0103, "ffdhe6144");
    GROUPS.put(0x0104, "ffdhe8192");
    GROUPS.put(0x0200, "MLKEM512");
    GROUPS.put(0x0201, "MLKEM768");
    GROUPS.put(0x0202, "MLKEM1024");
    GROUPS.put(0x11EB, "SecP256r1MLKEM768");
    GROUPS.put(0x11EC, "X25519MLKEM768");
    GROUPS.put(0x11ED, "SecP384r1MLKEM1024");
    GROUPS.put(0x6399, "X25519Kyber768Draft00");
    GROUPS.put(0xFF01, "arbitrary_explicit_prime_curves");
    GROUPS.put(0xFF02, "arbitrary_explicit_char2_curves");

    // Signature schemes (RFC 8446 section 4.2.3, RFC 8734, draft ML-DSA), TLS 1.2
    // hash/signature pairs as JSSE names them.
    Object[] schemes = {
      0x0101, "rsa_md5",
      0x0201, "rsa_pkcs1_sha1", 0x0202, "dsa_sha1", 0x0203, "ecdsa_sha1",
      0x0301, "rsa_sha224", 0x0302, "dsa_sha224", 0x0303, "ecdsa_sha224",
      0x0401, "rsa_pkcs1_sha256", 0x0402, "dsa_sha256", 0x0403, "ecdsa_secp256r1_sha256",
      0x0501, "rsa_pkcs1_sha384", 0x0502, "dsa_sha384", 0x0503, "ecdsa_secp384r1_sha384",
      0x0601, "rsa_pkcs1_sha512", 0x0602, "dsa_sha512", 0x0603, "ecdsa_secp521r1_sha512",
      0x0804, "rsa_pss_rsae_sha256", 0x0805, "rsa_pss_rsae_sha384", 0x0806, "rsa_pss_rsae_sha512",
      0x0807, "ed25519", 0x0808, "ed448",
      0x0809, "rsa_pss_pss_sha256", 0x080A, "rsa_pss_pss_sha384", 0x080B, "rsa_pss_pss_sha512",
      0x081A, "ecdsa_brainpoolP256r1tls13_sha256", 0x081B, "ecdsa_brainpoolP384r1tls13_sha384",
      0x081C, "ecdsa_brainpoolP512r1tls13_sha512",
      0x0904, "mldsa44", 0x0905, "mldsa65", 0x0906, "mldsa87"
    };
    for (int i = 0; i + 1 < schemes.length; i += 2) {
      SIGNATURE_SCHEMES.put((Integer) schemes[i], (String) schemes[i + 1]);
    }
  }

  /** JSSE's name of a cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}. */
  public static String cipherSuite(int id) {
    String name = CipherSuiteNames.lookup(id);
    return name != null ? name : hex(id);
  }

  /** A protocol version as JSSE writes it: {@code TLSv1.3} ... {@code SSLv3}, {@code SSLv2Hello}. */
  public static String protocolVersion(int version) {
    switch (version) {
      case 0x0304: return "TLSv1.3";
      case 0x0303: return "TLSv1.2";
      case 0x0302: return "TLSv1.1";
      case 0x0301: return "TLSv1";
      case 0x0300: return "SSLv3";
      case 0x0002: return "SSLv2Hello";
      case 0xFEFF: return "DTLSv1.0";
      case 0xFEFD: return "DTLSv1.2";
      case 0xFEFC: return "DTLSv1.3";
      default: return hex(version);
    }
  }

  /** A named group (supported_groups / key_share), e.g. {@code x25519}, {@code secp256r1}. */
  public static String namedGroup(int id) {
    String name = GROUPS.get(id);
    return name != null ? name : hex(id);
  }

  /** A signature scheme, e.g. {@code ecdsa_secp256r1_sha256}, {@code rsa_pss_rsae_sha256}. */
  public static String signatureScheme(int id) {
    String name = SIGNATURE_SCHEMES.get(id);
    return name != null ? name : hex(id);
  }

  /** An alert description (RFC 8446 section 6, RFC 5246 7.2, RFC 7301). */
  public static String alertDescription(int id) {
    switch (id) {
      case 0: return "close_notify";
      case 10: return "unexpected_message";
      case 20: return "bad_record_mac";
      case 21: return "decryption_failed";
      case 22: return "record_overflow";
      case 30: return "decompression_failure";
      case 40: return "handshake_failure";
      case 41: return "no_certificate";
      case 42: return "bad_certificate";
      case 43: return "unsupported_certificate";
      case 44: return "certificate_revoked";
      case 45: return "certificate_expired";
      case 46: return "certificate_unknown";
      case 47: return "illegal_parameter";
      case 48: return "unknown_ca";
      case 49: return "access_denied";
      case 50: return "decode_error";
      case 51: return "decrypt_error";
      case 60: return "export_restriction";
      case 70: return "protocol_version";
      case 71: return "insufficient_security";
      case 80: return "internal_error";
      case 86: return "inappropriate_fallback";
      case 90: return "user_canceled";
      case 100: return "no_renegotiation";
      case 109: return "missing_extension";
      case 110: return "unsupported_extension";
      case 111: return "certificate_unobtainable";
      case 112: return "unrecognized_name";
      case 113: return "bad_certificate_status_response";
      case 114: return "bad_certificate_hash_value";
      case 115: return "unknown_psk_identity";
      case 116: return "certificate_required";
      case 120: return "no_application_protocol";
      default: return hex(id);
    }
  }

  /** A handshake message type (RFC 8446 section 4, RFC 5246 7.4, RFC 6066). */
  public static String handshakeType(int type) {
    switch (type) {
      case 0: return "hello_request";
      case 1: return "client_hello";
      case 2: return "server_hello";
      case 3: return "hello_verify_request";
      case 4: return "new_session_ticket";
      case 5: return "end_of_early_data";
      case 8: return "encrypted_extensions";
      case 11: return "certificate";
      case 12: return "server_key_exchange";
      case 13: return "certificate_request";
      case 14: return "server_hello_done";
      case 15: return "certificate_verify";
      case 16: return "client_key_exchange";
      case 20: return "finished";
      case 21: return "certificate_url";
      case 22: return "certificate_status";
      case 23: return "supplemental_data";
      case 24: return "key_update";
      case 25: return "compressed_certificate";
      case 254: return "message_hash";
      default: return hex(type);
    }
  }

  /** A record content type (RFC 8446 section 5.1, RFC 6520). */
  public static String contentType(int type) {
    switch (type) {
      case 20: return "change_cipher_spec";
      case 21: return "alert";
      case 22: return "handshake";
      case 23: return "application_data";
      case 24: return "heartbeat";
      default: return hex(type);
    }
  }

  /**
   * GREASE (RFC 8701): 0x0A0A, 0x1A1A, ... 0xFAFA, values clients sprinkle into lists to keep
   * servers tolerant of unknown codes. They carry no meaning, so summaries leave them out.
   */
  public static boolean isGrease(int value) {
    return (value & 0xFFFF) == value && (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
  }

  private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

  /** {@code 0x%06X} without String.format (SSLv2 cipher specs are three bytes). */
  static String hex24(int value) {
    char[] c = new char[8];
    c[0] = '0';
    c[1] = 'x';
    for (int i = 0; i < 6; i++) {
      c[2 + i] = HEX_DIGITS[(value >> (20 - 4 * i)) & 0xF];
    }
    return new String(c);
  }

  /** {@code 0x%04X} without String.format, which is slow enough to matter on hostile input. */
  static String hex(int value) {
    if ((value & 0xFFFF) != value) {
      return String.format(Locale.ROOT, "0x%04X", value);
    }
    return new String(new char[] {
      '0', 'x', HEX_DIGITS[(value >> 12) & 0xF], HEX_DIGITS[(value >> 8) & 0xF],
      HEX_DIGITS[(value >> 4) & 0xF], HEX_DIGITS[value & 0xF]
    });
  }
}
