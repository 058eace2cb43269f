package io.handshakedoctor.evidence;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The public facts of one X.509 certificate, and nothing else: no key material, no extensions we
 * do not explain. Built from a parsed certificate; every field tolerates a certificate that
 * refuses to give it up (null or empty).
 */
public final class CertificateSummary {
  private final String subject;
  private final String issuer;
  private final List<String> subjectAltNames;
  private final Instant notBefore;
  private final Instant notAfter;
  private final String serialNumberHex;
  private final String sha256Fingerprint;
  private final String publicKeyAlgorithm;
  private final int publicKeyBits;
  private final String signatureAlgorithm;
  private final boolean selfIssued;
  private final boolean certificateAuthority;
  private final List<String> extendedKeyUsage;

  public CertificateSummary(
      String subject,
      String issuer,
      List<String> subjectAltNames,
      Instant notBefore,
      Instant notAfter,
      String serialNumberHex,
      String sha256Fingerprint,
      String publicKeyAlgorithm,
      int publicKeyBits,
      String signatureAlgorithm,
      boolean selfIssued,
      boolean certificateAuthority,
      List<String> extendedKeyUsage) {
    this.subject = subject;
    this.issuer = issuer;
    this.subjectAltNames = Lists.copy(subjectAltNames);
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    this.serialNumberHex = serialNumberHex;
    this.sha256Fingerprint = sha256Fingerprint;
    this.publicKeyAlgorithm = publicKeyAlgorithm;
    this.publicKeyBits = publicKeyBits;
    this.signatureAlgorithm = signatureAlgorithm;
    this.selfIssued = selfIssued;
    this.certificateAuthority = certificateAuthority;
    this.extendedKeyUsage = Lists.copy(extendedKeyUsage);
  }

  /** Summarises a certificate; never throws (a field that cannot be read stays empty). */
  public static CertificateSummary of(X509Certificate cert) {
    String subject = (String) read(cert, SUBJECT);
    String issuer = (String) read(cert, ISSUER);
    @SuppressWarnings("unchecked")
    List<String> sans = (List<String>) read(cert, SUBJECT_ALT_NAMES);
    Instant notBefore = (Instant) read(cert, NOT_BEFORE);
    Instant notAfter = (Instant) read(cert, NOT_AFTER);
    String serial = (String) read(cert, SERIAL);
    String fingerprint = (String) read(cert, FINGERPRINT);
    PublicKey key = (PublicKey) read(cert, PUBLIC_KEY);
    String keyAlgorithm = key == null ? null : key.getAlgorithm();
    Integer keyBits = (Integer) read(cert, PUBLIC_KEY_BITS);
    String sigAlg = (String) read(cert, SIGNATURE_ALGORITHM);
    boolean selfIssued = subject != null && subject.equals(issuer);
    Integer basicConstraints = (Integer) read(cert, BASIC_CONSTRAINTS);
    @SuppressWarnings("unchecked")
    List<String> eku = (List<String>) read(cert, EXTENDED_KEY_USAGE);
    return new CertificateSummary(
        subject,
        issuer,
        sans,
        notBefore,
        notAfter,
        serial,
        fingerprint,
        keyAlgorithm,
        keyBits == null ? -1 : keyBits,
        sigAlg,
        selfIssued,
        basicConstraints != null && basicConstraints >= 0,
        eku);
  }

  // The fields {@link #read} reads (a switch, not one lambda per field spun at the first summary).
  private static final int SUBJECT = 0;
  private static final int ISSUER = 1;
  private static final int SUBJECT_ALT_NAMES = 2;
  private static final int NOT_BEFORE = 3;
  private static final int NOT_AFTER = 4;
  private static final int SERIAL = 5;
  private static final int FINGERPRINT = 6;
  private static final int PUBLIC_KEY = 7;
  private static final int PUBLIC_KEY_BITS = 8;
  private static final int SIGNATURE_ALGORITHM = 9;
  private static final int BASIC_CONSTRAINTS = 10;
  private static final int EXTENDED_KEY_USAGE = 11;

  /** One field of the certificate, or null when it cannot be read. */
  private static Object read(X509Certificate cert, int field) {
    try {
      switch (field) {
        case SUBJECT:
          return cert.getSubjectX500Principal().getName();
        case ISSUER:
          return cert.getIssuerX500Principal().getName();
        case SUBJECT_ALT_NAMES:
          return subjectAltNamesOf(cert);
        case NOT_BEFORE:
          return cert.getNotBefore().toInstant();
        case NOT_AFTER:
          return cert.getNotAfter().toInstant();
        case SERIAL:
          return cert.getSerialNumber().toString(16);
        case FINGERPRINT:
          return sha256(cert.getEncoded());
        case PUBLIC_KEY:
          return cert.getPublicKey();
        case PUBLIC_KEY_BITS:
          return keyBitsOf(cert.getPublicKey());
        case SIGNATURE_ALGORITHM:
          return cert.getSigAlgName();
        case BASIC_CONSTRAINTS:
          return cert.getBasicConstraints();
        case EXTENDED_KEY_USAGE:
          return cert.getExtendedKeyUsage();
        default:
          throw new IllegalArgumentException("no certificate field " + field);
      }
    } catch (Exception | LinkageError e) {
      // A malformed or exotic certificate loses this field, not the whole summary.
      return null;
    }
  }

  /** Summarises a chain, leaf first; null gives an empty list. */
  public static List<CertificateSummary> ofChain(X509Certificate[] chain) {
    if (chain == null) {
      return Collections.emptyList();
    }
    List<CertificateSummary> out = new ArrayList<>(chain.length);
    for (X509Certificate cert : chain) {
      if (cert != null) {
        out.add(of(cert));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static List<String> subjectAltNamesOf(X509Certificate cert) throws Exception {
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    if (names == null) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (List<?> entry : names) {
      if (entry.size() < 2) {
        continue;
      }
      int type = ((Number) entry.get(0)).intValue();
      Object value = entry.get(1);
      if (type == 2) {
        out.add("DNS:" + value);
      } else if (type == 7) {
        out.add("IP:" + value);
      } else if (type == 1) {
        out.add("email:" + value);
      } else if (type == 6) {
        out.add("URI:" + value);
      }
    }
    return out;
  }

  private static Integer keyBitsOf(PublicKey key) {
    if (key instanceof RSAKey) {
      return ((RSAKey) key).getModulus().bitLength();
    }
    if (key instanceof ECKey) {
      return ((ECKey) key).getParams().getOrder().bitLength();
    }
    return -1;
  }

  private static String sha256(byte[] der) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
    StringBuilder sb = new StringBuilder(digest.length * 3);
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xF, 16)));
      sb.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xF, 16)));
    }
    return sb.toString();
  }

  /** RFC 2253 subject DN, e.g. {@code CN=api.example.com,O=Example}. */
  public String subject() {
    return subject;
  }

  public String issuer() {
    return issuer;
  }

  /** Subject alternative names as {@code DNS:name} or {@code IP:address}. */
  public List<String> subjectAltNames() {
    return subjectAltNames;
  }

  /** DNS names among the subject alternative names, without the prefix. */
  public List<String> dnsNames() {
    List<String> out = new ArrayList<>();
    for (String san : subjectAltNames) {
      if (san.startsWith("DNS:")) {
        out.add(san.substring(4));
      }
    }
    return out;
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notAfter() {
    return notAfter;
  }

  public String serialNumberHex() {
    return serialNumberHex;
  }

  /** Colon-separated upper-case SHA-256 of the DER encoding. */
  public String sha256Fingerprint() {
    return sha256Fingerprint;
  }

  public String publicKeyAlgorithm() {
    return publicKeyAlgorithm;
  }

  /** RSA modulus or EC order size in bits; -1 when unknown. */
  public int publicKeyBits() {
    return publicKeyBits;
  }

  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Subject equals issuer: a root or a self-signed leaf. */
  public boolean isSelfIssued() {
    return selfIssued;
  }

  /** Basic constraints say this is a CA certificate. */
  public boolean isCertificateAuthority() {
    return certificateAuthority;
  }

  public List<String> extendedKeyUsage() {
    return extendedKeyUsage;
  }

  /** The value of the subject's CN attribute, or the whole subject when it has none. */
  public String commonNameOrSubject() {
    return DistinguishedNames.commonNameOr(subject, subject);
  }

  @Override
  public String toString() {
    return subject + " (issuer " + issuer + ")";
  }
}
