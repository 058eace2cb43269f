package io.handshakedoctor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which successful handshakes warn, with what words, and which stay quiet. */
class EarlyWarningsTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private final EarlyWarnings rules = new EarlyWarnings(Duration.ofDays(21));

  static CertificateSummary cert(String subject, String issuer, Instant notAfter, String keyAlg, int bits, String sigAlg) {
    return new CertificateSummary(subject, issuer, List.of(), NOW.minus(Duration.ofDays(300)), notAfter, "01",
        "AA:BB", keyAlg, bits, sigAlg, subject.equals(issuer), !subject.startsWith("CN=api"), List.of());
  }

  static final CertificateSummary ROOT =
      cert("CN=Root", "CN=Root", NOW.plus(Duration.ofDays(3000)), "RSA", 4096, "SHA256withRSA");

  static HealthyHandshake.Builder healthy(String protocol, String suite, CertificateSummary... chain) {
    return HealthyHandshake.builder(Side.CLIENT, "api.example.com", 443)
        .negotiated(protocol, suite)
        .peerChain(List.of(chain))
        .trustAnchor(ROOT, false, null)
        .observedAt(NOW);
  }

  static CertificateSummary leaf(int daysLeft) {
    return cert("CN=api.example.com", "CN=Root", NOW.plus(Duration.ofDays(daysLeft)), "EC", 256, "SHA256withRSA");
  }

  private Map<WarningKind, Warning> warn(HealthyHandshake h, HealthyHandshake previous) {
    Map<WarningKind, Warning> out = new TreeMap<>();
    for (Warning w : rules.evaluate(h, previous, NOW)) {
      out.put(w.kind(), w);
    }
    return out;
  }

  @Test
  void aModernConnectionWithAFarExpiryRaisesNothing() {
    assertEquals(Map.of(), warn(healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(200)).build(), null));
  }

  @Test
  void aCertificateExpiringWithinTheHorizonNamesHostCertificateAndDaysLeft() {
    Warning w = warn(healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(5)).build(), null).get(WarningKind.CERTIFICATE_EXPIRING);
    assertEquals(5, w.daysLeft());
    assertTrue(w.summary().contains("api.example.com:443"), w.summary());
    assertTrue(w.summary().contains("CN=api.example.com"), w.summary());
    assertTrue(w.summary().contains("in 5 days"), w.summary());
    assertTrue(w.fix().contains("renew"), w.fix());
  }

  @Test
  void thisJvmsOwnCertificateThatAlreadyExpiredIsNamedWithTheDaysSince() {
    CertificateSummary own = cert("CN=me", "CN=Client CA", NOW.minus(Duration.ofDays(3)), "EC", 256, "SHA256withECDSA");
    Warning w = warn(healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(200)).localChain(List.of(own)).build(), null)
        .get(WarningKind.CERTIFICATE_EXPIRING);
    assertEquals(-3, w.daysLeft());
    assertTrue(w.summary().startsWith("The own certificate this JVM presents to the server api.example.com:443 (CN=me"), w.summary());
    assertTrue(w.summary().contains("3 days ago"), w.summary());
    assertTrue(w.fix().startsWith("Renew this JVM's certificate"), w.fix());
  }

  @Test
  void theTrustAnchorExpiringFirstIsTheOneNamed() {
    CertificateSummary oldRoot = cert("CN=Old Root", "CN=Old Root", NOW.plus(Duration.ofDays(10)), "RSA", 2048, "SHA256withRSA");
    HealthyHandshake h = healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(100)).trustAnchor(oldRoot, false, null).build();
    Map<WarningKind, Warning> w = warn(h, null);
    assertEquals(oldRoot, w.get(WarningKind.CERTIFICATE_EXPIRING).certificate());
    assertTrue(w.containsKey(WarningKind.ANCHOR_EXPIRES_BEFORE_LEAF));
  }

  @Test
  void rsaKeyExchangeHasNoForwardSecrecyButEcdheHas() {
    assertTrue(warn(healthy("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256", leaf(200)).build(), null)
        .containsKey(WarningKind.NO_FORWARD_SECRECY));
    assertEquals(Map.of(), warn(healthy("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", leaf(200)).build(), null));
  }

  @Test
  void legacyProtocolsSha1SignaturesAndShortRsaKeysWarn() {
    CertificateSummary weak = cert("CN=api.example.com", "CN=Root", NOW.plus(Duration.ofDays(200)), "RSA", 1024, "SHA1withRSA");
    Map<WarningKind, Warning> w = warn(healthy("TLSv1.1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", weak).build(), null);
    assertEquals(List.of(WarningKind.LEGACY_PROTOCOL, WarningKind.SHA1_SIGNATURE, WarningKind.WEAK_RSA_KEY), new ArrayList<>(w.keySet()));
    assertTrue(w.get(WarningKind.WEAK_RSA_KEY).summary().contains("1024-bit"));
  }

  @Test
  void aNewIssuerAKeyTypeChangeAndAProtocolDowngradeAreDrift() {
    HealthyHandshake before = healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(200)).observedAt(NOW.minus(Duration.ofHours(2))).build();
    CertificateSummary swapped = cert("CN=api.example.com", "CN=Other CA", NOW.plus(Duration.ofDays(200)), "RSA", 2048, "SHA256withRSA");
    Map<WarningKind, Warning> w = warn(healthy("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", swapped).build(), before);
    assertTrue(w.get(WarningKind.ISSUER_CHANGED).summary().contains("was CN=Root, now CN=Other CA"), w.toString());
    assertTrue(w.containsKey(WarningKind.KEY_TYPE_CHANGED));
    assertTrue(w.get(WarningKind.PROTOCOL_DOWNGRADED).summary().contains("TLSv1.2, down from TLSv1.3"));
  }

  @Test
  void anAnchorUnderADistrustPolicyWarns() {
    HealthyHandshake h = healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", leaf(200)).trustAnchor(ROOT, false, "ENTRUST_TLS").build();
    assertTrue(warn(h, null).get(WarningKind.DISTRUSTED_ANCHOR).summary().contains("ENTRUST_TLS"));
  }
}
