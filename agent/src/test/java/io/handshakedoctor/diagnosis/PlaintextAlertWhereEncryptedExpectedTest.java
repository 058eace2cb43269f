package io.handshakedoctor.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.capture.jsse.JsseConnectionReader;
import io.handshakedoctor.wire.PlaintextAlertRecord;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;

/**
 * OpenSSL 3's s_client, rejecting a TLS 1.3 server's certificate, sends its alert as a plaintext
 * record after the server's encrypted flight; SunJSSE fails on that record. The bytes here are the
 * record s_client sends (captured with tcpdump): 15 03 03 00 02 02 30, fatal unknown_ca.
 */
class PlaintextAlertWhereEncryptedExpectedTest {
  private static final byte[] UNKNOWN_CA_IN_CLEAR = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30};
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  @Test
  void decodesTheAlertOfALonePlaintextAlertRecord() {
    AlertSummary alert = PlaintextAlertRecord.find(UNKNOWN_CA_IN_CLEAR);
    assertEquals("unknown_ca", alert.description());
    assertTrue(alert.isFatal());
    assertTrue(alert.isInClearWhereEncryptedExpected());
  }

  @Test
  void decodesTheAlertBehindAChangeCipherSpecRecord() {
    byte[] records = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01, 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x2a};
    assertEquals("bad_certificate", PlaintextAlertRecord.find(records).description());
  }

  @Test
  void findsNoAlertInEncryptedRecordsGarbageOrACutRecord() {
    assertNull(PlaintextAlertRecord.find(new byte[] {0x17, 0x03, 0x03, 0x00, 0x13, 0x5a, 0x11}));
    assertNull(PlaintextAlertRecord.find("GET / HTTP/1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertNull(PlaintextAlertRecord.find(Arrays.copyOf(UNKNOWN_CA_IN_CLEAR, 6)));
    assertNull(PlaintextAlertRecord.find(new byte[] {0x15, 0x03, 0x03, 0x00, 0x13, 0x02, 0x30}));
    assertNull(PlaintextAlertRecord.find(null));
  }

  @Test
  void readsTheAlertJdk25Names() {
    AlertSummary alert = new JsseConnectionReader().plaintextAlertNamedIn("Unexpected plaintext alert received: Level: fatal; Alert: unknown_ca");
    assertEquals("unknown_ca", alert.description());
    assertTrue(alert.isInClearWhereEncryptedExpected());
    assertNull(new JsseConnectionReader().plaintextAlertNamedIn("Insufficient buffer remaining for AEAD cipher fragment (2)"));
  }

  @Test
  void aServerWhoseCertificateTheClientRejectsInClearGetsTheClientsRejection() {
    HandshakeEvidence e = serverAfterItsFlight(new SSLProtocolException(
        "Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be more than tag size (16)"))
        .alertReceived(PlaintextAlertRecord.find(UNKNOWN_CA_IN_CLEAR))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.UNTRUSTED_UNKNOWN_CA, d.cause());
    assertTrue(d.evidence().stream().anyMatch(s -> s.contains("plaintext alert unknown_ca where an encrypted record was expected")),
        d.evidence().toString());
  }

  @Test
  void anUndecryptableRecordThatIsNoAlertStaysAProtocolViolation() {
    HandshakeEvidence e = serverAfterItsFlight(new SSLProtocolException(
        "Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be more than tag size (16)"))
        .alertReceived(PlaintextAlertRecord.find(new byte[] {0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30}))
        .build();
    assertEquals(Cause.PEER_PROTOCOL_VIOLATION, engine.diagnose(e).cause());
  }

  private static HandshakeEvidence.Builder serverAfterItsFlight(SSLException thrown) {
    return Fixtures.server("127.0.0.1")
        .messagesReceived(Arrays.asList("client_hello"))
        .messagesSent(Arrays.asList("server_hello", "encrypted_extensions", "certificate_request", "certificate", "certificate_verify", "finished"))
        .alertSent(Fixtures.fatal("unexpected_message"))
        .jsseAlert("unexpected_message")
        .failure(thrown);
  }
}
