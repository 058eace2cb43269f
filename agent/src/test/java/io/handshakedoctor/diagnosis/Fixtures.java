package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/** Hand-built evidence and the real JDK exception shapes, with and without the "(alert) " prefix. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-01-13T00:00:00Z");
  static final List<String> MODERN_SUITES = Arrays.asList(
      "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  static final String JDK_DISABLED = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL";

  private Fixtures() {}

  static CertificateSummary cert(String subject, String issuer, List<String> sans, Instant notBefore, Instant notAfter, boolean ca) {
    return new CertificateSummary(subject, issuer, sans, notBefore, notAfter, "01", "AA:BB", "RSA", 2048, "SHA256withRSA",
        subject.equals(issuer), ca, Collections.<String>emptyList());
  }

  static CertificateSummary leaf(String host, String issuer) {
    return cert("CN=" + host, issuer, Collections.singletonList("DNS:" + host),
        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), false);
  }

  static CertificateSummary intermediate(String subject, String issuer) {
    return cert(subject, issuer, null, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"), true);
  }

  static CertificateSummary root(String subject) {
    return cert(subject, subject, null, Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"), true);
  }

  static ClientHelloSummary hello(List<String> versions, List<String> suites, List<String> sni) {
    return new ClientHelloSummary("TLSv1.2", versions, suites, sni, null,
        Arrays.asList("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"), Arrays.asList("x25519", "secp256r1"), null, false);
  }

  static ClientHelloSummary legacyHello(String version, List<String> suites) {
    return new ClientHelloSummary(version, null, suites, null, null, null, null, null, false);
  }

  static HandshakeEvidence.Builder client(String host) {
    return HandshakeEvidence.builder(Side.CLIENT).peer(host, 443).failedAt(NOW)
        .clientHello(hello(Arrays.asList("TLSv1.3", "TLSv1.2"), MODERN_SUITES, Collections.singletonList(host)))
        .messagesSent(Collections.singletonList("client_hello"));
  }

  static HandshakeEvidence.Builder server(String clientHost) {
    return HandshakeEvidence.builder(Side.SERVER).peer(clientHost, 51234).failedAt(NOW);
  }

  static AlertSummary fatal(String description) {
    return new AlertSummary(description, true);
  }

  /** "(alert) message" when prefixed, as JDK 25 and 17.0.21+ write it. */
  static String msg(boolean prefixed, String alert, String text) {
    return prefixed ? "(" + alert + ") " + text : text;
  }

  static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** SSLHandshakeException -> (ValidatorException as CertificateException) -> CertPathValidatorException(reason). */
  static SSLHandshakeException pathValidation(boolean prefixed, String alert, String detail, Throwable deepest,
      CertPathValidatorException.Reason reason) {
    CertPathValidatorException cpve = new CertPathValidatorException(detail, deepest, null, -1, reason);
    CertificateException validator = new CertificateException("PKIX path validation failed: java.security.cert.CertPathValidatorException: " + detail, cpve);
    return handshake(msg(prefixed, alert, validator.getMessage()), validator);
  }

  /** The classic "unable to find valid certification path to requested target". */
  static SSLHandshakeException pathBuilding(boolean prefixed) {
    CertPathBuilderException builder = new CertPathBuilderException("unable to find valid certification path to requested target");
    CertificateException validator = new CertificateException(
        "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target", builder);
    return handshake(msg(prefixed, "certificate_unknown", validator.getMessage()), validator);
  }
}
