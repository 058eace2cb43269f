package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.Side;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * A server-side SSLEngine created with {@code createSSLEngine()} (no peer host, as most servers do)
 * has no peer address: summaries say "The client ...", never "The client the peer ..." (seen against
 * openssl s_client, see io.handshakedoctor.external.JvmServerOpenSslClientIT).
 */
class PeerWordingTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static HandshakeEvidence.Builder anonymousServer() {
    return HandshakeEvidence.builder(Side.SERVER).failedAt(NOW);
  }

  @Test
  void clientCertificateMissingWithoutPeerAddress() {
    HandshakeEvidence e = anonymousServer()
        .local(LocalConfiguration.builder().clientAuth(ClientAuthMode.REQUIRED).build())
        .certificateRequest(new CertificateRequestSummary(Arrays.asList("CN=Partner CA"), Arrays.asList("rsa_pss_rsae_sha256")))
        .failure(new SSLHandshakeException("(certificate_required) Empty client certificate chain"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, d.cause());
    assertTrue(d.summary().startsWith("The client sent no certificate"), d.summary());
    assertFalse(d.summary().contains("the peer"), d.summary());
  }

  @Test
  void peerAddressStillNamedWhenKnown() {
    HandshakeEvidence e = server("10.0.0.4")
        .local(LocalConfiguration.builder().clientAuth(ClientAuthMode.REQUIRED).build())
        .failure(new SSLHandshakeException("Empty client certificate chain"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertTrue(d.summary().startsWith("The client 10.0.0.4:51234 sent no certificate"), d.summary());
  }

  @Test
  void namedHelper() {
    assertEquals("The client", Facts.named("The client", anonymousServer().build()));
    assertEquals("the server api.example.com:443", Facts.named("the server", client("api.example.com").build()));
  }
}
