package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;

/** JSSE's own limits on what a peer may send, and non-TLS bytes after a valid hello. */
class HandshakeLimitsAndStreamTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  @Test
  void aServerRefusingAnOversizedClientHelloNamesTheLimitAndTheProperty() {
    HandshakeEvidence e = server("10.0.0.7")
        .failure(new SSLProtocolException("The size of the handshake message (33764) exceeds the maximum allowed size (32768)"))
        .alertSent(fatal("unexpected_message"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HANDSHAKE_MESSAGE_TOO_LARGE, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.summary().contains("33764 bytes"), d.summary());
    assertTrue(d.summary().contains("ClientHello"), d.summary());
    assertTrue(d.fix().contains("-Djdk.tls.maxHandshakeMessageSize=65536"), d.fix());
  }

  @Test
  void aClientRefusingAHugeCertificateRequestPointsAtTheAcceptedCaList() {
    HandshakeEvidence e = client("api.example.com")
        .messagesReceived(List.of("server_hello", "certificate"))
        .failure(new SSLProtocolException("The size of the handshake message (70001) exceeds the maximum allowed size (32768)"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HANDSHAKE_MESSAGE_TOO_LARGE, d.cause());
    assertTrue(d.summary().contains("accepted CAs"), d.summary());
    assertTrue(d.fix().contains("=131072"), d.fix());
  }

  @Test
  void aChainLongerThanTheJdkAcceptsNamesTheChainLengthLimit() {
    HandshakeEvidence e = client("api.example.com")
        .failure(new SSLProtocolException("The certificate chain length (11) exceeds the maximum allowed length (10)"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HANDSHAKE_MESSAGE_TOO_LARGE, d.cause());
    assertTrue(d.fix().contains("jdk.tls.maxCertificateChainLength"), d.fix());
  }

  @Test
  void nonTlsBytesAfterAValidHelloAreNotAPlainTextPort() {
    HandshakeEvidence e = server("10.0.0.7")
        .messagesReceived(List.of("client_hello"))
        .failure(new SSLProtocolException("Unsupported or unrecognized SSL message"))
        .build();
    assertNotEquals(Cause.NON_TLS_PEER, engine.diagnose(e).cause());
  }

  @Test
  void nonTlsBytesBeforeAnyHelloStillAre() {
    HandshakeEvidence e = server("10.0.0.7")
        .failure(new SSLProtocolException("Unsupported or unrecognized SSL message"))
        .build();
    assertEquals(Cause.NON_TLS_PEER, engine.diagnose(e).cause());
  }
}
