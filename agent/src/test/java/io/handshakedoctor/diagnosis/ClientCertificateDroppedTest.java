package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.TrustDecision;
import java.io.EOFException;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 client that sent a certificate and then wrote its request: openssl s_server's unknown_ca
 * alert was lost and HttpsURLConnection saw "Broken pipe" (JDK 25, see
 * io.handshakedoctor.external.OpenSslServerClientIT). That is a rejected certificate, not a network reset.
 */
class ClientCertificateDroppedTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static HandshakeEvidence.Builder sentCertificateThenBrokenPipe(CertificateSummary mine) {
    SSLException broken = new SSLException("(unexpected_message) Broken pipe", new SocketException("Broken pipe"));
    return client("mtls.example.com")
        .certificateRequest(new CertificateRequestSummary(Arrays.asList("CN=Client CA"), Arrays.asList("rsa_pss_rsae_sha256")))
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA"), Collections.singletonList(mine)))
        .trust(new TrustDecision(Collections.singletonList(leaf("mtls.example.com", "CN=Public CA")), "RSA", true, null))
        .messagesSent(Arrays.asList("client_hello", "certificate", "certificate_verify", "finished"))
        .failure(broken);
  }

  @Test
  void brokenPipeAfterSendingACertificateIsRejectedAtLowConfidenceSinceTheVerdictWasNotRead() {
    Diagnosis d = engine.diagnose(sentCertificateThenBrokenPipe(leaf("client-app", "CN=Rogue CA")).build());
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertEquals(Confidence.LOW, d.confidence());
    assertTrue(d.alternatives().contains(Cause.CONNECTION_RESET_DURING_HANDSHAKE));
    assertTrue(d.summary().contains("CN=Rogue CA"), d.summary());
    assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("server's alert not read") && l.contains("Broken pipe")), d.evidence()::toString);
  }

  @Test
  void firstApplicationWriteFailingAfterACertificateSaysTheAlertWasNotRead() {
    HandshakeEvidence e = sentCertificateThenBrokenPipe(leaf("client-app", "CN=Rogue CA"))
        .failure(new SocketException("Broken pipe"))
        .origin(FailureOrigin.APPLICATION_DATA)
        .renegotiation(true)
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertEquals(Confidence.LOW, d.confidence());
    assertTrue(d.evidence().contains("server's alert not read: this client's handshake had completed, then its first application I/O"
        + " failed with SocketException: Broken pipe before the server sent any record"), d.evidence()::toString);
  }

  @Test
  void endOfStreamAfterAnEmptyCertificateIsMissingAtMediumConfidence() {
    HandshakeEvidence e = client("mtls.example.com")
        .certificateRequest(new CertificateRequestSummary(Arrays.asList("CN=Client CA"), Arrays.asList("rsa_pss_rsae_sha256")))
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA", "EC"), null))
        .failure(new EOFException("the server closed the connection without close_notify or alert after the handshake"))
        .origin(FailureOrigin.APPLICATION_DATA)
        .renegotiation(true)
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.summary().contains("without an alert this client could read"), d.summary());
    assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("server's alert not read: this client's handshake had completed")),
        d.evidence()::toString);
  }

  @Test
  void certificateRequiredAlertReadNeedsNoAlertNotReadLine() {
    HandshakeEvidence e = client("mtls.example.com")
        .certificateRequest(new CertificateRequestSummary(Arrays.asList("CN=Client CA"), Arrays.asList("rsa_pss_rsae_sha256")))
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA"), null))
        .alertReceived(fatal("certificate_required"))
        .failure(new SSLException("Received fatal alert: certificate_required"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Confidence.HIGH, d.confidence());
    assertTrue(d.evidence().stream().noneMatch(l -> l.startsWith("server's alert not read")), d.evidence()::toString);
  }

  @Test
  void expiredOwnCertificateIsNamed() {
    CertificateSummary expired = cert("CN=client-app", "CN=Client CA", null,
        java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.Instant.parse("2024-02-01T00:00:00Z"), false);
    Diagnosis d = engine.diagnose(sentCertificateThenBrokenPipe(expired).build());
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("2024-02-01T00:00:00Z"), d.summary());
  }

  @Test
  void resetWithoutCertificateRequestStaysAReset() {
    SSLException broken = new SSLException("Broken pipe", new SocketException("Broken pipe"));
    HandshakeEvidence e = client("api.example.com").failure(broken).build();
    assertEquals(Cause.CONNECTION_RESET_DURING_HANDSHAKE, engine.diagnose(e).cause());
  }
}
