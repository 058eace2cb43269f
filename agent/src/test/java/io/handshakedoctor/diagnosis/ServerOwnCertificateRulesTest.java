package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This JVM is the server; the client refused its certificate; the chain it sent says why. */
class ServerOwnCertificateRulesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static HandshakeEvidence.Builder rejectedWith(String alert) {
    return server("10.0.0.7")
        .messagesSent(Arrays.asList("server_hello", "encrypted_extensions", "certificate", "certificate_verify", "finished"))
        .messagesReceived(Collections.singletonList("client_hello"))
        .alertReceived(fatal(alert))
        .failure(handshake("Received fatal alert: " + alert, null));
  }

  @Test
  void anExpiredOwnCertificateIsNamedEvenWhenTheAlertIsGeneric() {
    HandshakeEvidence e = rejectedWith("certificate_unknown")
        .localCertificates(List.of(cert("CN=api.example.com", "CN=Example CA", List.of("DNS:api.example.com"),
            NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(12)), false)))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CERTIFICATE_EXPIRED, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals(Diagnosis.SERVER, d.responsibleParty());
  }

  @Test
  void aLeafOnlyChainFromAnIntermediateIsAnIncompleteChain() {
    HandshakeEvidence e = rejectedWith("certificate_unknown")
        .localCertificates(List.of(leaf("api.example.com", "CN=Example Intermediate CA")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.INCOMPLETE_CHAIN, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.summary().contains("CN=Example Intermediate CA"), d.summary());
  }

  @Test
  void aCertificateThatDoesNotCoverTheRequestedSniNameIsAHostnameMismatch() {
    HandshakeEvidence e = rejectedWith("certificate_unknown")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, List.of("shop.example.com")))
        .localCertificates(List.of(leaf("api.example.com", "CN=Example CA"), root("CN=Example CA")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertTrue(d.summary().contains("shop.example.com"), d.summary());
  }

  @Test
  void aCompleteValidChainLeavesTheGenericAlertDiagnosisAtLowConfidence() {
    HandshakeEvidence e = rejectedWith("certificate_unknown")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, List.of("api.example.com")))
        .localCertificates(List.of(leaf("api.example.com", "CN=Example CA"), root("CN=Example CA")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.UNTRUSTED_UNKNOWN_CA, d.cause());
    assertEquals(Confidence.LOW, d.confidence());
  }

  @Test
  void noAuthenticationSchemeWithNoKeysAtAllIsMissingCredentialsWithHighConfidence() {
    HandshakeEvidence e = server("10.0.0.7")
        .local(LocalConfiguration.builder().keyTypes(List.of()).build())
        .failure(handshake("No available authentication scheme", null))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.LOCAL_CREDENTIALS_MISSING, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
  }

  @Test
  void noAuthenticationSchemeWithAKeyIsASignatureSchemeMismatch() {
    HandshakeEvidence e = server("10.0.0.7")
        .local(LocalConfiguration.builder().keyTypes(List.of("EC")).build())
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, null))
        .failure(handshake("No available authentication scheme", null))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP, d.cause());
    assertTrue(d.evidence().stream().anyMatch(f -> f.contains("[EC]")), d.evidence()::toString);
  }
}
