package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Confidence;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.samples.TestPki;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
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
      new HostnameVerifications((evidence, t) -> {
        reported.add(evidence);
        thrown.add(t);
      });
  private final Object verifier = new Object() {};
  private final Session session = new Session(TestPki.shared().leaf(HELD).build().chain().toArray(new Certificate[0]));

  @Test
  void aVerifierThatReturnsFalseIsOneHostnameMismatchNamingBothNames() {
    checks.started();
    checks.ended(verifier, ASKED, session, false, null);

    assertEquals(1, reported.size());
    HandshakeEvidence e = reported.get(0);
    assertEquals(FailureOrigin.HOSTNAME_VERIFIER, e.origin());
    assertEquals(ASKED, e.peerHost());
    assertEquals(8443, e.peerPort());
    assertEquals(verifier.getClass().getName(), e.hostnameVerifier());
    Diagnosis d = DiagnosisEngine.standard().diagnose(e);
    assertEquals(Cause.HOSTNAME_MISMATCH, d.cause());
    assertEquals(Confidence.HIGH, d.confidence(), "the session tells which SNI was sent");
    assertTrue(d.summary().contains("'" + ASKED + "'") && d.summary().contains(HELD), d.summary());
    assertTrue(d.evidence().toString().contains(verifier.getClass().getName()), d.evidence().toString());
  }

  @Test
  void anAcceptedHostIsNotReported() {
    checks.started();
    checks.ended(verifier, HELD, session, true, null);
    assertEquals(0, reported.size());
  }

  @Test
  void anOuterCheckThatAcceptsOverrulesTheInnerRejection() {
    checks.started();
    checks.started();
    checks.ended(verifier, ASKED, session, false, null);
    checks.ended(verifier, ASKED, session, true, null);
    assertEquals(0, reported.size());
  }

  @Test
  void nestedRejectionsAreOneEventCarryingTheExceptionTheApplicationSees() {
    SSLPeerUnverifiedException outer = new SSLPeerUnverifiedException("Certificate for <" + ASKED + "> doesn't match");
    checks.started();
    checks.started();
    checks.ended(verifier, ASKED, session, false, null);
    checks.ended(new Object(), ASKED, session, false, outer);

    assertEquals(1, reported.size());
    assertSame(outer, thrown.get(0));
    assertEquals(verifier.getClass().getName(), reported.get(0).hostnameVerifier(), "the verifier that rejected");
  }

  @Test
  void aSecondConnectionOnTheSameThreadIsJudgedAfresh() {
    checks.started();
    checks.ended(verifier, ASKED, session, false, null);
    checks.started();
    checks.ended(verifier, HELD, session, true, null);
    checks.started();
    checks.ended(verifier, ASKED, session, false, null);
    assertEquals(2, reported.size());
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
