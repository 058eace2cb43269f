package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.TrustDecision;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MiddleboxAndClientCertificateRulesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();
  private static final CertificateRequestSummary REQUEST =
      new CertificateRequestSummary(Arrays.asList("CN=Partner CA,O=Bank"), Arrays.asList("rsa_pss_rsae_sha256"));

  private static Throwable remoteTerminated() {
    SSLHandshakeException e = new SSLHandshakeException("Remote host terminated the handshake");
    e.initCause(new EOFException("SSL peer shut down incorrectly"));
    return e;
  }

  @Test
  void resetAfterClientHelloIsMediumAndPointsAtTheNetwork() {
    HandshakeEvidence e = client("api.example.com").failure(remoteTerminated()).build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CONNECTION_RESET_DURING_HANDSHAKE, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertEquals("network path", d.responsibleParty());
    assertFalse(d.alternatives().isEmpty());
  }

  @Test
  void socketResetCounts() {
    SSLException e = new SSLException("Connection reset");
    e.initCause(new SocketException("Connection reset"));
    assertEquals(Cause.CONNECTION_RESET_DURING_HANDSHAKE, engine.diagnose(client("a.example.com").failure(e).build()).cause());
  }

  @Test
  void tls13ClientWithoutCertificateSeesOnlyAReset() {
    HandshakeEvidence e = client("mtls.example.com")
        .certificateRequest(REQUEST)
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA", "EC"), null))
        .messagesReceived(Arrays.asList("server_hello", "encrypted_extensions", "certificate_request", "certificate", "certificate_verify", "finished"))
        .failure(new SocketException("Broken pipe"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.summary().contains("CN=Partner CA,O=Bank"), d.summary());
    assertEquals("client", d.responsibleParty());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void clientGetsCertificateRequiredAlert(boolean prefixed) {
    HandshakeEvidence e = client("mtls.example.com")
        .certificateRequest(REQUEST)
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA"), null))
        .alertReceived(fatal("certificate_required"))
        .failure(new SSLHandshakeException(msg(prefixed, "certificate_required", "Received fatal alert: certificate_required")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
  }

  @Test
  void certificateRequiredAlertAloneMeansMissingClientCertificateWithMediumConfidence() {
    // BouncyCastle JSSE without a key manager: no CertificateRequest, no key manager call, only the alert.
    HandshakeEvidence e = client("mtls.example.com")
        .alertReceived(fatal("certificate_required"))
        .failure(new java.io.IOException("certificate_required(116)"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("were not captured"), d.summary());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serverSeesEmptyClientCertificateChain(boolean prefixed) {
    HandshakeEvidence e = server("10.0.0.4")
        .local(LocalConfiguration.builder().clientAuth(ClientAuthMode.REQUIRED).build())
        .certificateRequest(REQUEST)
        .failure(new SSLHandshakeException(msg(prefixed, "certificate_required", "Empty client certificate chain")))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertEquals(Confidence.HIGH, d.confidence());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("CN=Partner CA,O=Bank"), d.summary());
  }

  @Test
  void serverTrustStoreRejectsClientChain() {
    CertificateSummary clientLeaf = leaf("client-app", "CN=Unknown Issuing CA");
    Throwable failure = pathBuilding(true);
    HandshakeEvidence e = server("10.0.0.4")
        .local(LocalConfiguration.builder().clientAuth(ClientAuthMode.REQUIRED).build())
        .peerCertificates(Collections.singletonList(clientLeaf))
        .trust(new TrustDecision(Collections.singletonList(clientLeaf), "RSA", false, failure.getCause()))
        .failure(failure)
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertTrue(d.summary().contains("CN=Unknown Issuing CA"), d.summary());
  }

  @Test
  void clientCertificateRejectedByServerAlert() {
    CertificateSummary mine = leaf("client-app", "CN=Client CA");
    HandshakeEvidence e = client("mtls.example.com")
        .certificateRequest(REQUEST)
        .clientCredentials(new ClientCredentialChoice(Arrays.asList("RSA"), Collections.singletonList(mine)))
        .trust(new TrustDecision(Collections.singletonList(leaf("mtls.example.com", "CN=Public CA")), "RSA", true, null))
        .messagesSent(Arrays.asList("client_hello", "certificate", "certificate_verify", "finished"))
        .alertReceived(fatal("unknown_ca"))
        .failure(new SSLHandshakeException("Received fatal alert: unknown_ca"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_REJECTED, d.cause());
    assertTrue(d.summary().contains("unknown_ca"), d.summary());
    assertTrue(d.summary().contains("CN=Client CA"), d.summary());
  }

  @Test
  void serverLearnsClientRejectedItsCertificate() {
    HandshakeEvidence expired = server("10.0.0.6")
        .messagesSent(Arrays.asList("server_hello", "certificate", "server_hello_done"))
        .alertReceived(fatal("certificate_expired"))
        .failure(new SSLHandshakeException("Received fatal alert: certificate_expired"))
        .build();
    Diagnosis d = engine.diagnose(expired);
    assertEquals(Cause.CERTIFICATE_EXPIRED, d.cause());
    assertEquals(Confidence.MEDIUM, d.confidence());
    assertTrue(d.summary().contains("rejected this server's certificate"), d.summary());

    HandshakeEvidence unknown = server("10.0.0.6")
        .messagesSent(Arrays.asList("server_hello", "certificate", "server_hello_done"))
        .alertReceived(fatal("certificate_unknown"))
        .failure(new SSLHandshakeException("(certificate_unknown) Received fatal alert: certificate_unknown"))
        .build();
    Diagnosis u = engine.diagnose(unknown);
    assertEquals(Confidence.LOW, u.confidence());
    assertTrue(u.alternatives().contains(Cause.INCOMPLETE_CHAIN));
  }

  @Test
  void timeout() {
    SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
    HandshakeEvidence e = client("slow.example.com")
        .origin(FailureOrigin.HANDSHAKE_TIMEOUT)
        .elapsed(Duration.ofSeconds(10))
        .failure(timeout)
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.HANDSHAKE_TIMEOUT, d.cause());
    assertTrue(d.summary().contains("10000 ms"), d.summary());
    assertEquals("network path", d.responsibleParty());
  }
}
