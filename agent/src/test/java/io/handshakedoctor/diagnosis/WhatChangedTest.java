package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LastGoodHandshake;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.ServerHelloSummary;
import java.time.Instant;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failure with a peer that worked earlier in this JVM says what differs now. */
class WhatChangedTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static CertificateSummary leafFrom(String issuer, String notAfter, String fingerprint) {
    return new CertificateSummary("CN=api.example.com", issuer, Arrays.asList("DNS:api.example.com"),
        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse(notAfter), "0A", fingerprint, "RSA", 2048, "SHA256withRSA", false, false, null);
  }

  @Test
  void newCertificateFromANewIssuerIsNamedAgainstTheLastGoodOne() {
    CertificateSummary before = leafFrom("CN=Old CA", "2026-06-01T00:00:00Z", "aa11");
    CertificateSummary now = leafFrom("CN=New CA", "2027-01-01T00:00:00Z", "bb22");
    HandshakeEvidence e = client("api.example.com")
        .serverHello(new ServerHelloSummary("TLSv1.3", "TLS_AES_128_GCM_SHA256", false, null, null, false))
        .peerCertificates(Arrays.asList(now))
        .local(LocalConfiguration.builder().disabledTlsAlgorithms(JDK_DISABLED).build())
        .failure(pathBuilding(false))
        .lastGood(new LastGoodHandshake("api.example.com:443", NOW.minusSeconds(3 * 86400), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
            before, JDK_DISABLED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertTrue(d.summary().contains("3 days ago"), d.summary());
    assertTrue(d.summary().contains("the peer's certificate changed"), d.summary());
    assertTrue(d.summary().contains("its issuer changed from CN=Old CA to CN=New CA"), d.summary());
    assertFalse(d.summary().contains("protocol changed"), d.summary());
  }

  @Test
  void policyChangedSinceTheLastGoodHandshakeIsSaid() {
    HandshakeEvidence e = client("legacy.example.com")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, Arrays.asList("legacy.example.com")))
        .alertReceived(fatal("protocol_version"))
        .local(LocalConfiguration.builder().disabledTlsAlgorithms(JDK_DISABLED + ", TLSv1.2").build())
        .failure(new SSLHandshakeException("Received fatal alert: protocol_version"))
        .lastGood(new LastGoodHandshake("legacy.example.com:443", NOW.minusSeconds(7200), "TLSv1.2",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null, JDK_DISABLED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertTrue(d.summary().contains("jdk.tls.disabledAlgorithms changed"), d.summary());
    assertTrue(d.summary().contains("TLSv1.2, negotiated then, is no longer offered"), d.summary());
  }

  @Test
  void withoutAnEarlierHandshakeNothingIsAdded() {
    HandshakeEvidence e = client("api.example.com").failure(pathBuilding(false)).build();
    assertFalse(engine.diagnose(e).summary().contains("last good handshake"));
  }
}
