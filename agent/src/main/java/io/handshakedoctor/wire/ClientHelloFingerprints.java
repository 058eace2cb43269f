package io.handshakedoctor.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The JA3 and JA4 fingerprints of a ClientHello body (the bytes after the 4-byte handshake header).
 *
 * <p>JA3 (Salesforce, BSD-3): MD5 of {@code version,ciphers,extensions,groups,point_formats}, each
 * field's values in decimal, joined by {@code -}, in wire order, GREASE left out; equal to
 * Wireshark's {@code tls.handshake.ja3}.
 *
 * <p>JA4 (FoxIO, BSD-3; only the TLS-client method: JA4S and the other JA4+ methods are under
 * FoxIO's own licence and deliberately not here), as FoxIO's technical_details/JA4.md defines it:
 * {@code t} (TLS over TCP, the only transport JSSE speaks), the highest supported version,
 * {@code d}/{@code i} for SNI present or not, the cipher and extension counts, the first and last
 * character of the first ALPN value, then 12 hex of SHA-256 over the sorted cipher list and over
 * the sorted extension list (SNI and ALPN left out) plus {@code _} and the signature algorithms in
 * wire order. GREASE is left out everywhere.
 *
 * <p>Computed on the failure path and once per peer per interval, never per healthy handshake.
 */
public final class ClientHelloFingerprints {
  private static final int MAX_CODES = 1024;
  private static final int EXT_SERVER_NAME = 0;
  private static final int EXT_SUPPORTED_GROUPS = 10;
  private static final int EXT_EC_POINT_FORMATS = 11;
  private static final int EXT_SIGNATURE_ALGORITHMS = 13;
  private static final int EXT_ALPN = 16;
  private static final int EXT_SUPPORTED_VERSIONS = 43;
  private static final String NO_HASH = "000000000000";

  private final String ja3;
  private final String ja3Text;
  private final String ja4;
  private final String ja4Raw;

  private ClientHelloFingerprints(String ja3, String ja3Text, String ja4, String ja4Raw) {
    this.ja3 = ja3;
    this.ja3Text = ja3Text;
    this.ja4 = ja4;
    this.ja4Raw = ja4Raw;
  }

  /** JA3: 32 lower-case hex digits. */
  public String ja3() {
    return ja3;
  }

  /** The string JA3 hashes (Wireshark's {@code tls.handshake.ja3_full}). */
  public String ja3Text() {
    return ja3Text;
  }

  /** JA4, e.g. {@code t13d1516h2_8daaf6152771_e5627efa2ab1}. */
  public String ja4() {
    return ja4;
  }

  /** JA4 before hashing (FoxIO's {@code JA4_r}), for reading what differs between two hellos. */
  public String ja4Raw() {
    return ja4Raw;
  }

  /** Null when the body is not a ClientHello that reads as far as its cipher suites. */
  public static ClientHelloFingerprints of(byte[] body) {
    try {
      return compute(new ByteReader(body));
    } catch (RuntimeException e) {
      return null; // the reader never throws by design; a bug here must not reach the caller
    }
  }

  private static ClientHelloFingerprints compute(ByteReader in) {
    int version = in.u16();
    in.skip(32);
    in.vector8();
    Codes ciphers = Codes.u16(in.vector16());
    ByteReader compression = in.vector8();
    if (in.malformed() || ciphers.malformed || compression.remaining() == 0) {
      return null;
    }
    Codes extensions = new Codes();
    Codes groups = new Codes();
    Codes pointFormats = new Codes();
    Codes signatureAlgorithms = new Codes();
    int highestVersion = -1;
    boolean sni = false;
    byte[] alpn = null;
    if (in.hasRemaining()) {
      ByteReader block = in.vector16();
      int count = 0;
      while (block.hasRemaining() && count++ < MAX_CODES) {
        int type = block.u16();
        ByteReader data = block.vector16();
        if (type < 0 || block.malformed()) {
          return null;
        }
        extensions.add(type);
        switch (type) {
          case EXT_SERVER_NAME:
            sni = true;
            break;
          case EXT_SUPPORTED_GROUPS:
            groups = Codes.u16(data.vector16());
            break;
          case EXT_EC_POINT_FORMATS:
            pointFormats = Codes.u8(data.vector8());
            break;
          case EXT_SIGNATURE_ALGORITHMS:
            signatureAlgorithms = Codes.u16(data.vector16());
            break;
          case EXT_ALPN:
            ByteReader names = data.vector16();
            ByteReader first = names.vector8();
            alpn = first.malformed() ? null : first.rest();
            break;
          case EXT_SUPPORTED_VERSIONS:
            Codes versions = Codes.u8Length16(data);
            for (int i = 0; i < versions.size; i++) {
              highestVersion = Math.max(highestVersion, versions.values[i]);
            }
            break;
          default:
            break;
        }
      }
    }
    String ja3Text =
        version + "," + ciphers.decimal() + "," + extensions.decimal() + "," + groups.decimal()
            + "," + pointFormats.decimal();
    String ja4Prefix =
        "t"
            + versionCode(highestVersion >= 0 ? highestVersion : version)
            + (sni ? 'd' : 'i')
            + twoDigits(ciphers.size)
            + twoDigits(extensions.size)
            + alpnCode(alpn);
    String cipherList = ciphers.sortedHex(-1, -1);
    String extensionList = extensions.sortedHex(EXT_SERVER_NAME, EXT_ALPN);
    String signatures = signatureAlgorithms.hexInOrder();
    String extensionsAndSignatures =
        signatures.isEmpty() ? extensionList : extensionList + "_" + signatures;
    String ja4 =
        ja4Prefix
            + "_"
            + (ciphers.size == 0 ? NO_HASH : sha256Prefix(cipherList))
            + "_"
            + (extensionsAndSignatures.isEmpty() ? NO_HASH : sha256Prefix(extensionsAndSignatures));
    String ja4Raw = ja4Prefix + "_" + cipherList + "_" + extensionsAndSignatures;
    return new ClientHelloFingerprints(md5(ja3Text), ja3Text, ja4, ja4Raw);
  }

  private static String versionCode(int version) {
    switch (version) {
      case 0x0304:
        return "13";
      case 0x0303:
        return "12";
      case 0x0302:
        return "11";
      case 0x0301:
        return "10";
      case 0x0300:
        return "s3";
      case 0x0002:
        return "s2";
      case 0xfeff:
        return "d1";
      case 0xfefd:
        return "d2";
      case 0xfefc:
        return "d3";
      default:
        return "00";
    }
  }

  private static String twoDigits(int count) {
    int n = Math.min(count, 99);
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  /** First and last character of the first ALPN value; hex nibbles when either is not alphanumeric. */
  static String alpnCode(byte[] first) {
    if (first == null || first.length == 0) {
      return "00";
    }
    int a = first[0] & 0xff;
    int z = first[first.length - 1] & 0xff;
    if (alphanumeric(a) && alphanumeric(z)) {
      return "" + (char) a + (char) z;
    }
    String hex = "0123456789abcdef";
    return "" + hex.charAt(a >>> 4) + hex.charAt(z & 0xf);
  }

  private static boolean alphanumeric(int c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String sha256Prefix(String text) {
    return hex(digest("SHA-256", text)).substring(0, 12);
  }

  private static String md5(String text) {
    return hex(digest("MD5", text));
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >>> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }

  /** A list of code points in wire order, GREASE left out. */
  private static final class Codes {
    int[] values = new int[8];
    int size;
    boolean malformed;

    static Codes u16(ByteReader list) {
      Codes c = new Codes();
      while (list.remaining() >= 2 && c.size < MAX_CODES) {
        c.add(list.u16());
      }
      c.malformed = list.malformed() || list.remaining() == 1;
      return c;
    }

    static Codes u8(ByteReader list) {
      Codes c = new Codes();
      while (list.hasRemaining() && c.size < MAX_CODES) {
        int v = list.u8();
        c.values = c.size == c.values.length ? Arrays.copyOf(c.values, c.size * 2) : c.values;
        c.values[c.size++] = v; // point formats are bytes: no GREASE
      }
      return c;
    }

    /** supported_versions in a ClientHello: a one-byte length, then two-byte versions. */
    static Codes u8Length16(ByteReader data) {
      return u16(data.vector8());
    }

    void add(int code) {
      if (TlsNames.isGrease(code)) {
        return;
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = code;
    }

    String decimal() {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < size; i++) {
        s.append(i == 0 ? "" : "-").append(values[i]);
      }
      return s.toString();
    }

    String hexInOrder() {
      return hexList(Arrays.copyOf(values, size), -1, -1);
    }

    String sortedHex(int leaveOut, int alsoLeaveOut) {
      int[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return hexList(sorted, leaveOut, alsoLeaveOut);
    }

    private static String hexList(int[] codes, int leaveOut, int alsoLeaveOut) {
      StringBuilder s = new StringBuilder();
      for (int code : codes) {
        if (code == leaveOut || code == alsoLeaveOut) {
          continue;
        }
        if (s.length() > 0) {
          s.append(',');
        }
        String h = Integer.toHexString(code);
        s.append("0000", h.length(), 4).append(h);
      }
      return s.toString();
    }
  }
}
