package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.ServerHelloSummary;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The causes that depend on the JDK's own message: a CA distrusted by policy (no test can hold such
 * a CA's key), weak ephemeral DH, the SSLv2-format hello and refused renegotiation, on the texts
 * JDK 17 and 25 write (with and without the "(alert) " prefix).
 */
class NewCausesRulesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serverAnchoredAtADistrustedEntrustRootIsCaDistrustedByPolicy(boolean prefixed) {
    // sun.security.validator.EntrustTLSPolicy's text, wrapped as X509TrustManagerImpl and SSLHandshakeException do
    CertificateException validator = new CertificateException("TLS Server certificate issued after 2024-11-11 and anchored by a "
        + "distrusted legacy Entrust root CA: CN=Entrust Root Certification Authority - G2, OU=\"(c) 2009 Entrust, Inc. - for authorized use only\", "
        + "OU=See www.entrust.net/legal-terms, O=\"Entrust, Inc.\", C=US");
    PolicySetting distrust = new PolicySetting("jdk.security.caDistrustPolicies", "SYMANTEC_TLS,ENTRUST_TLS,CAMERFIRMA_TLS",
        PolicyOrigin.JDK_SECURITY_FILE, "/opt/jdk-17/conf/security/java.security");
    HandshakeEvidence e = client("shop.example.com")
        .local(LocalConfiguration.builder().policy(Collections.singletonList(distrust)).build())
        .failure(handshake(msg(prefixed, "certificate_unknown", validator.getMessage()), validator))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CA_DISTRUSTED_BY_POLICY, d.cause(), d.toString());
    assertEquals(Diagnosis.SERVER, d.responsibleParty());
    assertTrue(d.summary().contains("2024-11-11") && d.summary().contains("CN=Entrust Root Certification Authority - G2"), d.summary());
    assertTrue(d.fix().contains("remove ENTRUST_TLS from jdk.security.caDistrustPolicies"), d.fix());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void clientRefusingTheServersDhKeyBlamesTheServersGroup(boolean prefixed) {
    HandshakeEvidence e = client("legacy.example.com")
        .serverHello(new ServerHelloSummary("TLSv1.2", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", false, null, null, false))
        .local(LocalConfiguration.builder().disabledTlsAlgorithms(JDK_DISABLED).build())
        .failure(new SSLHandshakeException(msg(prefixed, "insufficient_security", "DH ServerKeyExchange does not comply to algorithm constraints")))
        .alertSent(fatal("insufficient_security"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.WEAK_EPHEMERAL_DH_KEY, d.cause(), d.toString());
    assertEquals(Diagnosis.SERVER, d.responsibleParty());
    assertTrue(d.summary().contains("below 1024 bits"), d.summary());
    assertTrue(d.fix().contains("-Djdk.tls.ephemeralDHKeySize=2048"), d.fix());
  }

  @Test
  void jvmServerWhoseDhKeyTheClientRefusesIsToldToRaiseEphemeralDhKeySize() {
    PolicySetting keySize = new PolicySetting("jdk.tls.ephemeralDHKeySize", "1024", PolicyOrigin.COMMAND_LINE, null);
    HandshakeEvidence e = server("10.0.0.9")
        .serverHello(new ServerHelloSummary("TLSv1.2", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", false, null, null, false))
        .local(LocalConfiguration.builder().policy(Collections.singletonList(keySize)).build())
        .alertReceived(fatal("insufficient_security"))
        .failure(new SSLHandshakeException("Received fatal alert: insufficient_security"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.WEAK_EPHEMERAL_DH_KEY, d.cause(), d.toString());
    assertTrue(d.fix().contains("in the -Djdk.tls.ephemeralDHKeySize option on the java command line"), d.fix());
  }

  @Test
  void sslV2FormatHelloIsNamedAndTheClientMustChange() {
    HandshakeEvidence e = server("10.0.0.3")
        .local(LocalConfiguration.builder().enabledProtocols(Arrays.asList("TLSv1.3", "TLSv1.2")).build())
        .failure(new SSLHandshakeException("SSLv2Hello is not enabled"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.SSLV2_CLIENT_HELLO, d.cause(), d.toString());
    assertEquals(Diagnosis.CLIENT, d.responsibleParty());
    assertTrue(d.summary().contains("SSLv2 format"), d.summary());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void refusedClientRenegotiationNamesThePropertyThatRefusesIt(boolean prefixed) {
    PolicySetting reject = new PolicySetting("jdk.tls.rejectClientInitiatedRenegotiation", "true", PolicyOrigin.ENVIRONMENT_OPTIONS, "JAVA_TOOL_OPTIONS");
    HandshakeEvidence e = server("10.0.0.4")
        .local(LocalConfiguration.builder().policy(Collections.singletonList(reject)).build())
        .failure(new SSLHandshakeException(msg(prefixed, "handshake_failure", "Client initiated renegotiation is not allowed")))
        .alertSent(fatal("handshake_failure"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_RENEGOTIATION_REFUSED, d.cause(), d.toString());
    assertEquals(Diagnosis.CLIENT, d.responsibleParty());
    assertTrue(d.fix().contains("in the -Djdk.tls.rejectClientInitiatedRenegotiation option in JAVA_TOOL_OPTIONS"), d.fix());
  }

  @Test
  void clientWhoseRenegotiationTheServerRefusesIsNotACipherSuiteMismatch() {
    HandshakeEvidence e = client("10.0.0.4")
        .renegotiation(true)
        .alertReceived(fatal("handshake_failure"))
        .failure(new SSLHandshakeException("Received fatal alert: handshake_failure"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.CLIENT_RENEGOTIATION_REFUSED, d.cause(), d.toString());
    assertEquals(Confidence.MEDIUM, d.confidence());
  }

  @Test
  void firstHandshakeRefusedWithHandshakeFailureIsNotCalledARenegotiation() {
    HandshakeEvidence e = client("10.0.0.4")
        .alertReceived(fatal("handshake_failure"))
        .failure(new SSLHandshakeException("Received fatal alert: handshake_failure"))
        .build();
    assertNotEquals(Cause.CLIENT_RENEGOTIATION_REFUSED, engine.diagnose(e).cause());
  }
}
