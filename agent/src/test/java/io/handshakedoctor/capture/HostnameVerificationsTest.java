package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.capture.jsse.JsseConnectionReader;
import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Confidence;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.samples.TestPki;
import java.io.IOException;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.api.Test;

class HostnameVerificationsTest {
  private static final String ASKED = "app.example.test";
  private static final String HELD = "other.example.test";

  private final List<HandshakeEvidence> reported = new ArrayList<>();
  private final List<Throwable> thrown = new ArrayList<>();
  private final HostnameVerifications checks =
      new HostnameVerifications((evidence, t, context) -> {
        reported.add(evidence);
        thrown.add(t);
      }, new JsseConnectionReader());
  private final HostnameVerifier verifier = (host, s) -> false;
  private final Session session = new Session(TestPki.shared().leaf(HELD).build().chain().toArray(new Certificate[0]));

  @Test
  void httpsUrlConnectionsRejectionIsOneHostnameMismatchNamingBothNames() {
    IOException wrong = new IOException("HTTPS hostname wrong:  should be <" + ASKED + ">");
    checks.rejected(verifier, session, wrong);

    assertEquals(1, reported.size());
    assertSame(wrong, thrown.get(0));
    HandshakeEvidence e = reported.get(0);
    assertEquals(FailureOrigin.HOSTNAME_VERIFIER, e.origin());
    assertEquals(ASKED, e.peerHost());
    assertEquals(8443, e.peerPort());
    Diagnosis d = DiagnosisEngine.standard().diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertEquals(Confidence.HIGH, d.confidence(), "the session tells which SNI was sent");
    assertTrue(d.summary().contains("'" + ASKED + "'") && d.summary().contains(HELD), d.summary());
    assertTrue(d.evidence().toString().contains("HttpsURLConnection with " + verifier.getClass().getName()), d.evidence().toString());
  }

  @Test
  void anExceptionWithoutAFinishedHandshakeOnThisThreadIsNotReported() {
    checks.peerUnverified(new SSLPeerUnverifiedException("Hostname " + ASKED + " not verified"));
    assertEquals(0, reported.size());
  }

  @Test
  void anUnauthenticatedPeerIsNotAHostNameCheck() {
    checks.handshakeFinished(new Object());
    checks.peerUnverified(new SSLPeerUnverifiedException("peer not authenticated"));
    assertEquals(0, reported.size());
  }

  @Test
  void subjectAlternativeNamesCoverExactNamesWildcardsOfOneLabelAndIpLiterals() {
    CertificateSummary leaf = CertificateSummary.of(TestPki.shared().leaf(HELD)
        .onlyDnsNames(HELD, "*.wild.example.test").ipAddresses("127.0.0.1").build().certificate());
    assertTrue(HostnameMatch.covers(leaf, "OTHER.example.test."));
    assertTrue(HostnameMatch.covers(leaf, "a.wild.example.test"));
    assertFalse(HostnameMatch.covers(leaf, "a.b.wild.example.test"));
    assertFalse(HostnameMatch.covers(leaf, ASKED));
    assertTrue(HostnameMatch.covers(leaf, "127.0.0.1"));
    assertFalse(HostnameMatch.covers(leaf, "127.0.0.2"));
  }

  /** What a client's session offers after a completed handshake. */
  private static final class Session extends ExtendedSSLSession {
    private final Certificate[] chain;

    Session(Certificate[] chain) {
      this.chain = chain;
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
      return List.of(new SNIHostName(ASKED));
    }

    @Override
    public Certificate[] getPeerCertificates() {
      return chain.clone();
    }

    @Override
    public String getPeerHost() {
      return ASKED;
    }

    @Override
    public int getPeerPort() {
      return 8443;
    }

    @Override
    public String getProtocol() {
      return "TLSv1.3";
    }

    @Override
    public String getCipherSuite() {
      return "TLS_AES_128_GCM_SHA256";
    }

    @Override public String[] getLocalSupportedSignatureAlgorithms() { return new String[0]; }
    @Override public String[] getPeerSupportedSignatureAlgorithms() { return new String[0]; }
    @Override public byte[] getId() { return new byte[0]; }
    @Override public SSLSessionContext getSessionContext() { return null; }
    @Override public long getCreationTime() { return 0; }
    @Override public long getLastAccessedTime() { return 0; }
    @Override public void invalidate() {}
    @Override public boolean isValid() { return true; }
    @Override public void putValue(String name, Object value) {}
    @Override public Object getValue(String name) { return null; }
    @Override public void removeValue(String name) {}
    @Override public String[] getValueNames() { return new String[0]; }
    @Override public Certificate[] getLocalCertificates() { return null; }
    @Override public Principal getPeerPrincipal() { return null; }
    @Override public Principal getLocalPrincipal() { return null; }
    @Override public int getPacketBufferSize() { return 16709; }
    @Override public int getApplicationBufferSize() { return 16384; }
    @SuppressWarnings("removal")
    @Override public javax.security.cert.X509Certificate[] getPeerCertificateChain() { throw new UnsupportedOperationException(); }
  }
}
