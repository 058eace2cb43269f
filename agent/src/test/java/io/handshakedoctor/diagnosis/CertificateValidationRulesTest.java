package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.TrustDecision;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXReason;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CertificateValidationRulesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static List<CertificateSummary> expiredChain() {
    CertificateSummary leaf = cert("CN=api.example.com", "CN=Example CA", Collections.singletonList("DNS:api.example.com"),
        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), false);
    return Arrays.asList(leaf, intermediate("CN=Example CA", "CN=Example Root"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void expiredServerCertificateIsHighWithDateAndAge(boolean prefixed) {
    // 17.0.15 sends certificate_unknown, 25 sends certificate_expired: the chain decides, not the alert.
    String alert = prefixed ? "certificate_expired" : "certificate_unknown";
    HandshakeEvidence e = client("api.example.com")
        .peerCertificates(expiredChain())
        .failure(pathValidation(prefixed, alert, "validity check failed",
            new CertificateExpiredException("NotAfter: Thu Jan 01 00:00:00 UTC 2026"), BasicReason.EXPIRED))
        .alertSent(fatal(alert))
        .build();
    Diagnosis d = new ExpiredCertificateRule().apply(e, Failures.of(e)).orElseThrow(AssertionError::new);
    assertEquals(Cause.CERTIFICATE_EXPIRED, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("server", d.responsibleParty());
    assertTrue(d.summary().contains("api.example.com"), d.summary());
    assertTrue(d.summary().contains("CN=Example CA"), d.summary());
    assertTrue(d.summary().contains("2026-01-01T00:00:00Z"), d.summary());
    assertTrue(d.summary().contains("12 days ago"), d.summary());
    assertEquals(Cause.CERTIFICATE_EXPIRED, engine.diagnose(e).cause());
  }

  @Test
  void expiredIntermediateIsNamedAsSuch() {
    CertificateSummary expiredRoot = cert("CN=Old Root", "CN=Old Root", null, Instant.parse("2000-01-01T00:00:00Z"),
        Instant.parse("2021-09-30T14:01:15Z"), true);
    HandshakeEvidence e = client("api.example.com")
        .peerCertificates(Arrays.asList(leaf("api.example.com", "CN=Old Root"), expiredRoot))
        .failure(pathValidation(false, "certificate_unknown", "timestamp check failed",
            new CertificateExpiredException("NotAfter: ..."), BasicReason.EXPIRED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CERTIFICATE_EXPIRED, d.cause());
    assertTrue(d.summary().contains("root CA certificate"), d.summary());
  }

  @Test
  void expiredClientCertificateSeenByServerIsClientCertificateRejected() {
    CertificateSummary clientLeaf = cert("CN=batch-job", "CN=Internal CA", null, Instant.parse("2024-01-01T00:00:00Z"),
        Instant.parse("2025-12-01T00:00:00Z"), false);
    Throwable failure = pathValidation(true, "certificate_expired", "validity check failed",
        new CertificateExpiredException("NotAfter: Mon Dec 01 00:00:00 UTC 2025"), BasicReason.EXPIRED);
    HandshakeEvidence e = server("10.0.0.5")
        .peerCertificates(Collections.singletonList(clientLeaf))
        .trust(new TrustDecision(Collections.singletonList(clientLeaf), "RSA", false, failure.getCause()))
        .failure(failure)
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("expired on 2025-12-01T00:00:00Z"), d.summary());
  }

  @Test
  void notYetValidWithImplausibleClockBlamesTheLocalClock() {
    CertificateSummary leaf = leaf("api.example.com", "CN=Example CA");
    HandshakeEvidence e = client("api.example.com")
        .failedAt(Instant.parse("2015-06-01T00:00:00Z"))
        .peerCertificates(Collections.singletonList(leaf))
        .failure(pathValidation(false, "certificate_unknown", "validity check failed",
            new CertificateNotYetValidException("NotBefore: Wed Jan 01 00:00:00 UTC 2025"), BasicReason.NOT_YET_VALID))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CERTIFICATE_NOT_YET_VALID, d.cause());
    assertTrue(d.summary().contains("local clock reads 2015-06-01T00:00:00Z"), d.summary());
    assertTrue(d.summary().contains("looks wrong"), d.summary());
    assertEquals("client", d.responsibleParty());
  }

  @Test
  void revokedCertificateGivesReasonAndDate() {
    CertificateRevokedException cre = new CertificateRevokedException(Date.from(Instant.parse("2025-11-02T10:00:00Z")),
        CRLReason.KEY_COMPROMISE, new X500Principal("CN=Example CA"), Collections.emptyMap());
    HandshakeEvidence e = client("api.example.com")
        .peerCertificates(Collections.singletonList(leaf("api.example.com", "CN=Example CA")))
        .failure(pathValidation(true, "certificate_revoked", "Certificate has been revoked, reason: KEY_COMPROMISE", cre, BasicReason.REVOKED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CERTIFICATE_REVOKED, d.cause());
    assertTrue(d.summary().contains("KEY_COMPROMISE"), d.summary());
    assertTrue(d.summary().contains("2025-11-02T10:00:00Z"), d.summary());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void weakKeyNamesKeySizeAndCertificate(boolean prefixed) {
    CertificateSummary weak = new CertificateSummary("CN=legacy.example.com", "CN=Example CA", null, null, null, "01", null,
        "RSA", 1024, "SHA256withRSA", false, false, null);
    HandshakeEvidence e = client("legacy.example.com")
        .local(LocalConfiguration.builder().disabledCertPathAlgorithms("MD2, MD5, SHA1 jdkCA & usage TLSServer, RSA keySize < 1024... ").build())
        .peerCertificates(Collections.singletonList(weak))
        .failure(pathValidation(prefixed, "certificate_unknown",
            "Algorithm constraints check failed on keysize limits: RSA 1024 bit key used with certificate: CN=legacy.example.com", null,
            BasicReason.ALGORITHM_CONSTRAINED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.WEAK_CERTIFICATE_ALGORITHM, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("RSA 1024 bit key"), d.summary());
    assertTrue(d.summary().contains("CN=legacy.example.com"), d.summary());
  }

  @Test
  void extendedKeyUsageNotPermitted() {
    CertificateException eku = new CertificateException("Extended key usage does not permit use for TLS server authentication");
    HandshakeEvidence e = client("api.example.com")
        .peerCertificates(Collections.singletonList(leaf("api.example.com", "CN=Example CA")))
        .failure(handshake(msg(true, "certificate_unknown", eku.getMessage()), eku))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CERTIFICATE_USAGE_NOT_PERMITTED, d.cause());
    assertTrue(d.fix().contains("serverAuth"), d.fix());
  }

  @Test
  void invalidKeyUsageReasonAlsoCounts() {
    HandshakeEvidence e = client("api.example.com")
        .failure(pathValidation(false, "certificate_unknown", "KeyUsage does not allow digital signatures", null, PKIXReason.INVALID_KEY_USAGE))
        .build();
    assertEquals(Cause.CERTIFICATE_USAGE_NOT_PERMITTED, engine.diagnose(e).cause());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void hostnameMismatchNamesHostAndCertificateNames(boolean prefixed) {
    CertificateException ce = new CertificateException("No subject alternative DNS name matching api.example.com found.");
    HandshakeEvidence e = client("api.example.com")
        .peerCertificates(Collections.singletonList(leaf("www.other.org", "CN=Example CA")))
        .failure(handshake(msg(prefixed, "certificate_unknown", ce.getMessage()), ce))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("'api.example.com'"), d.summary());
    assertTrue(d.summary().contains("www.other.org"), d.summary());
  }

  @Test
  void hostnameFailureWithoutSniToAnIpAddressIsSniMissing() {
    CertificateException ce = new CertificateException("No subject alternative names matching IP address 127.0.0.1 found");
    HandshakeEvidence e = client("127.0.0.1")
        .clientHello(hello(Arrays.asList("TLSv1.3", "TLSv1.2"), MODERN_SUITES, null))
        .peerCertificates(Collections.singletonList(leaf("default.example.com", "CN=Example CA")))
        .failure(handshake(ce.getMessage(), ce))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.SNI_MISSING, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.HOSTNAME_MISMATCH));
    assertTrue(d.summary().contains("default.example.com"), d.summary());
  }

  @Test
  void hostnameFailureForADotlessNameIsHostnameMismatchWithSniAlternative() {
    // SNI cannot carry "localhost" either, so a missing SNI is not what went wrong.
    CertificateException ce = new CertificateException("No name matching localhost found");
    HandshakeEvidence e = client("localhost")
        .clientHello(hello(Arrays.asList("TLSv1.3", "TLSv1.2"), MODERN_SUITES, null))
        .peerCertificates(Collections.singletonList(leaf("default.example.com", "CN=Example CA")))
        .failure(handshake(ce.getMessage(), ce))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertTrue(d.alternatives().contains(Cause.SNI_MISSING));
    assertTrue(d.summary().contains("'localhost'"), d.summary());
  }

  @Test
  void hostnameFailureWithoutClientHelloIsMediumWithSniAlternative() {
    CertificateException ce = new CertificateException("No subject alternative names matching IP address 10.1.2.3 found");
    HandshakeEvidence e = client("10.1.2.3").clientHello(null)
        .peerCertificates(Collections.singletonList(leaf("db.internal.example", "CN=Example CA")))
        .failure(handshake(ce.getMessage(), ce))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.SNI_MISSING));
    assertTrue(d.summary().contains("IP address 10.1.2.3"), d.summary());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void selfSignedLeaf(boolean prefixed) {
    HandshakeEvidence e = client("dev.example.com")
        .peerCertificates(Collections.singletonList(root("CN=dev.example.com")))
        .failure(pathBuilding(prefixed))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.UNTRUSTED_SELF_SIGNED, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
  }

  @Test
  void presentedRootNotInTrustStoreIsUnknownCa() {
    HandshakeEvidence e = client("intranet.corp")
        .local(LocalConfiguration.builder().trustedIssuers(Arrays.asList("CN=ISRG Root X1,O=Internet Security Research Group,C=US")).build())
        .peerCertificates(Arrays.asList(leaf("intranet.corp", "CN=Corp Issuing CA"), intermediate("CN=Corp Issuing CA", "CN=Corp Root CA"), root("CN=Corp Root CA")))
        .failure(pathBuilding(true))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.UNTRUSTED_UNKNOWN_CA, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("CN=Corp Root CA"), d.summary());
    assertEquals("client", d.responsibleParty());
  }

  /** nginx serving leaf + intermediate (the correct configuration) to a client lacking the private root (seen in NginxClientIT). */
  @Test
  void chainEndingAtIntermediateWithRootMissingIsUnknownCaMedium() {
    HandshakeEvidence e = client("app.corp.example")
        .peerCertificates(Arrays.asList(leaf("app.corp.example", "CN=Corp Issuing CA"), intermediate("CN=Corp Issuing CA", "CN=Corp Root CA")))
        .failure(pathBuilding(true))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.UNTRUSTED_UNKNOWN_CA, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.INCOMPLETE_CHAIN));
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("CN=Corp Root CA"), d.summary());
    assertTrue(d.fix().contains("keytool -importcert"), d.fix());
  }

  @Test
  void leafOnlyWithUnknownTrustStoreIsIncompleteChainMedium() {
    HandshakeEvidence e = client("shop.example.com")
        .peerCertificates(Collections.singletonList(leaf("shop.example.com", "CN=R11,O=Let's Encrypt,C=US")))
        .failure(pathBuilding(false))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.INCOMPLETE_CHAIN, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.UNTRUSTED_UNKNOWN_CA));
    assertTrue(d.summary().contains("CN=R11,O=Let's Encrypt,C=US"), d.summary());
    assertTrue(d.fix().contains("ssl_certificate fullchain.pem"), d.fix());
  }

  @Test
  void pathBuildingWithoutChainIsLowAndNeverHigh() {
    HandshakeEvidence e = client("x.example.com").failure(pathBuilding(false)).build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Confidence.LOW, d.confidence());
    assertFalse(d.alternatives().isEmpty());
  }

  @Test
  void interceptionApplianceIssuerIsSuspected() {
    HandshakeEvidence e = client("api.github.com")
        .peerCertificates(Arrays.asList(leaf("api.github.com", "CN=Zscaler Intermediate Root CA (zscaler.net),O=Zscaler Inc."),
            intermediate("CN=Zscaler Intermediate Root CA (zscaler.net),O=Zscaler Inc.", "CN=Zscaler Root CA,O=Zscaler Inc.")))
        .failure(pathBuilding(true))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.TLS_INTERCEPTION_SUSPECTED, d.cause());
    assertEquals("network path", d.responsibleParty());
    assertTrue(d.summary().contains("Zscaler"), d.summary());
  }

  @Test
  void vendorWordsMatchWholeWordsOnly() {
    assertNull(InterceptionVendors.vendorOf("CN=Reset Networks Root,O=Preset Ltd"));
    assertEquals("ESET", InterceptionVendors.vendorOf("CN=ESET SSL Filter CA,O=ESET spol. s r. o."));
    assertEquals("Fiddler", InterceptionVendors.vendorOf("CN=DO_NOT_TRUST_FiddlerRoot,O=DO_NOT_TRUST"));
    assertEquals("Burp Suite (PortSwigger)", InterceptionVendors.vendorOf("CN=PortSwigger CA,OU=PortSwigger CA,O=PortSwigger"));
  }
}
