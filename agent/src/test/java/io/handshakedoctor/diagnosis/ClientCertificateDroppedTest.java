package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.TrustDecision;
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
  void brokenPipeAfterSendingACertificateIsRejectedMedium() {
    Diagnosis d = engine.diagnose(sentCertificateThenBrokenPipe(leaf("client-app", "CN=Rogue CA")).build());
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.alternatives().contains(Cause.CONNECTION_RESET_DURING_HANDSHAKE));
    assertTrue(d.summary().contains("CN=Rogue CA"), d.summary());
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
