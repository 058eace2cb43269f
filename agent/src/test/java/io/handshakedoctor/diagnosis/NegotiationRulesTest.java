package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NegotiationRulesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static LocalConfiguration jdkDefaults() {
    return LocalConfiguration.builder()
        .enabledProtocols(Arrays.asList("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"))
        .activeProtocols(Arrays.asList("TLSv1.3", "TLSv1.2"))
        .enabledCipherSuites(MODERN_SUITES)
        .activeCipherSuites(MODERN_SUITES)
        .disabledTlsAlgorithms(JDK_DISABLED)
        .build();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serverSeesTls10OnlyClientDisabledByPolicy(boolean prefixed) {
    HandshakeEvidence e = server("10.0.0.7")
        .local(jdkDefaults())
        .clientHello(legacyHello("TLSv1", Arrays.asList("TLS_RSA_WITH_AES_128_CBC_SHA")))
        .failure(new SSLHandshakeException(msg(prefixed, "protocol_version",
            "The client supported protocol versions [TLSv1] are not accepted by server preferences [TLSv1.3, TLSv1.2]")))
        .alertSent(fatal("protocol_version"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("[TLSv1]"), d.summary());
    assertTrue(d.summary().contains("[TLSv1.3, TLSv1.2]"), d.summary());
    assertTrue(d.fix().contains("jdk.tls.disabledAlgorithms"), d.fix());
  }

  @Test
  void clientSeesServerChoosingTls10DisabledByPolicy() {
    HandshakeEvidence e = client("old.example.com")
        .local(jdkDefaults())
        .failure(new SSLHandshakeException("(protocol_version) The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY, d.cause());
    assertEquals("server", d.responsibleParty());
  }

  @Test
  void versionsWithoutPolicyInvolvementAreNoCommonProtocolVersion() {
    HandshakeEvidence e = server("10.0.0.7")
        .local(LocalConfiguration.builder().enabledProtocols(Arrays.asList("TLSv1.3")).disabledTlsAlgorithms("SSLv3").build())
        .failure(new SSLHandshakeException("The client supported protocol versions [TLSv1.2] are not accepted by server preferences [TLSv1.3]"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_PROTOCOL_VERSION, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("client", d.responsibleParty());
  }

  @Test
  void protocolVersionAlertReceivedByClient() {
    HandshakeEvidence e = client("old.example.com")
        .alertReceived(fatal("protocol_version"))
        .failure(new SSLHandshakeException("Received fatal alert: protocol_version"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_PROTOCOL_VERSION, d.cause());
    assertEquals("server", d.responsibleParty());
    assertTrue(d.summary().contains("[TLSv1.3, TLSv1.2]"), d.summary());
  }

  @Test
  void noAppropriateProtocolWithEverythingDisabled() {
    HandshakeEvidence e = client("x.example.com")
        .clientHello(null).messagesSent(null)
        .local(LocalConfiguration.builder().enabledProtocols(Arrays.asList("TLSv1", "TLSv1.1"))
            .activeProtocols(Collections.<String>emptyList()).disabledTlsAlgorithms(JDK_DISABLED).build())
        .failure(new SSLHandshakeException("No appropriate protocol (protocol is disabled or cipher suites are inappropriate)"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("local JVM configuration", d.responsibleParty());
    assertTrue(d.summary().contains("[TLSv1, TLSv1.1]"), d.summary());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serverNoCipherSuitesInCommon(boolean prefixed) {
    HandshakeEvidence e = server("10.0.0.8")
        .local(jdkDefaults())
        .clientHello(legacyHello("TLSv1.2", Arrays.asList("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA")))
        .failure(new SSLHandshakeException(msg(prefixed, "handshake_failure", "no cipher suites in common")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_CIPHER_SUITE, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), d.summary());
  }

  @Test
  void clientGetsHandshakeFailureRightAfterClientHelloIsMediumWithAlternatives() {
    HandshakeEvidence e = client("legacy.example.com")
        .alertReceived(fatal("handshake_failure"))
        .failure(new SSLHandshakeException("Received fatal alert: handshake_failure"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_CIPHER_SUITE, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.NO_COMMON_PROTOCOL_VERSION));
    assertTrue(d.alternatives().contains(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP));
  }

  @Test
  void handshakeFailureWithoutTheHelloIsLow() {
    HandshakeEvidence e = client("legacy.example.com").clientHello(null)
        .alertReceived(fatal("handshake_failure"))
        .failure(new SSLHandshakeException("(handshake_failure) Received fatal alert: handshake_failure"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Confidence.LOW, d.confidence());
  }

  @Test
  void unrecognizedNameOnBothSides() {
    HandshakeEvidence serverSide = server("10.0.0.9")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, Collections.singletonList("wrong.example.com")))
        .failure(new SSLHandshakeException("(unrecognized_name) Unrecognized server name indication"))
        .build();
    Diagnosis s = engine.diagnose(serverSide);
    assertEquals(Cause.SNI_UNRECOGNIZED_NAME, s.cause());
    assertTrue(s.summary().contains("wrong.example.com"), s.summary());

    HandshakeEvidence clientSide = client("wrong.example.com")
        .alertReceived(fatal("unrecognized_name"))
        .failure(new SSLHandshakeException("Received fatal alert: unrecognized_name"))
        .build();
    Diagnosis c = engine.diagnose(clientSide);
    assertEquals(Cause.SNI_UNRECOGNIZED_NAME, c.cause());
    assertEquals("server", c.responsibleParty());
  }

  @Test
  void alpnMismatch() {
    HandshakeEvidence e = client("grpc.example.com")
        .alertReceived(fatal("no_application_protocol"))
        .failure(new SSLHandshakeException("Received fatal alert: no_application_protocol"))
        .build();
    assertEquals(Cause.ALPN_MISMATCH, engine.diagnose(e).cause());
  }

  @Test
  void noCommonNamedGroup() {
    HandshakeEvidence e = server("10.0.0.2")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, null))
        .failure(new SSLHandshakeException("(handshake_failure) No common named group"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("x25519"), d.summary());
  }

  @Test
  void serverWithoutKeyStore() {
    HandshakeEvidence e = server("10.0.0.2")
        .clientHello(hello(Arrays.asList("TLSv1.3", "TLSv1.2"), MODERN_SUITES, null))
        .failure(new SSLHandshakeException("(handshake_failure) No available authentication scheme"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.LOCAL_CREDENTIALS_MISSING, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP));
  }

  @Test
  void clientNoAvailableAuthenticationSchemeIsAboutSchemes() {
    HandshakeEvidence e = client("x.example.com")
        .failure(new SSLHandshakeException("No available authentication scheme"))
        .build();
    assertEquals(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP, engine.diagnose(e).cause());
  }

  @Test
  void plainHttpPortAnswersTheClientHello() {
    byte[] http = "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n".getBytes();
    HandshakeEvidence e = client("api.example.com")
        .peerBytesSample(http)
        .failure(new SSLException("Unsupported or unrecognized SSL message"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NON_TLS_PEER, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("HTTP/1.1 400 Bad Request"), d.summary());
  }

  @Test
  void plainHttpClientAtTlsServer() {
    HandshakeEvidence e = server("10.0.0.3")
        .peerBytesSample("GET / HTTP/1.1\r\nHost: x\r\n".getBytes())
        .failure(new SSLException("(unexpected_message) Unsupported or unrecognized SSL message"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NON_TLS_PEER, d.cause());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("plain-text HTTP request"), d.summary());
  }
}
