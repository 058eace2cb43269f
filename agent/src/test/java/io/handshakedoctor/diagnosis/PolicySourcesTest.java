package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Diagnoses name the policy property that decided, where it was set, and fix it there. */
class PolicySourcesTest {
  private static final String HARDENED = JDK_DISABLED + ", TLSv1.2";
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  private static HandshakeEvidence tls12ServerAgainstClientPolicy(PolicySetting disabled) {
    return client("legacy.example.com")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, Collections.singletonList("legacy.example.com")))
        .local(LocalConfiguration.builder()
            // SunJSSE leaves disabled versions out of its defaults: enabled is [TLSv1.3] (JDK 17 and 25)
            .enabledProtocols(Arrays.asList("TLSv1.3"))
            .activeProtocols(Arrays.asList("TLSv1.3"))
            .disabledTlsAlgorithms(disabled.value())
            .policy(Collections.singletonList(disabled))
            .protocolsSource(new PolicySetting("SunJSSE default", "TLSv1.3", PolicyOrigin.PROVIDER_DEFAULT, null))
            .build())
        .alertReceived(fatal("protocol_version"))
        .failure(new SSLHandshakeException("Received fatal alert: protocol_version"))
        .build();
  }

  @Test
  void tls12OnlyServerAgainstOverrideFileDisablingTls12BlamesTheOverrideFile() {
    PolicySetting disabled = new PolicySetting("jdk.tls.disabledAlgorithms", HARDENED,
        PolicyOrigin.OVERRIDE_SECURITY_FILE, "/etc/java/hardened.security");
    Diagnosis d = engine.diagnose(tls12ServerAgainstClientPolicy(disabled));
    assertEquals(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY, d.cause(), d.toString());
    assertEquals(Diagnosis.LOCAL_JVM, d.responsibleParty());
    assertTrue(d.summary().contains("/etc/java/hardened.security"), d.summary());
    assertTrue(d.fix().contains("Remove [TLSv1.2] from jdk.tls.disabledAlgorithms in /etc/java/hardened.security"), d.fix());
    assertFalse(d.fix().contains("-Djdk.tls.client.protocols=TLSv1.3,TLSv1.2"), "a fix that cannot work: " + d.fix());
  }

  @Test
  void policySetAtRunTimePointsAtTheSecuritySetPropertyCall() {
    PolicySetting disabled = new PolicySetting("jdk.tls.disabledAlgorithms", HARDENED,
        PolicyOrigin.SECURITY_PROPERTY_SET_AT_RUN_TIME, null);
    Diagnosis d = engine.diagnose(tls12ServerAgainstClientPolicy(disabled));
    assertEquals(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY, d.cause());
    assertTrue(d.fix().contains("Security.setProperty(\"jdk.tls.disabledAlgorithms\""), d.fix());
  }

  @Test
  void policyWithholdingOnlyObsoleteVersionsIsNotTheCause() {
    PolicySetting jdkDefault = new PolicySetting("jdk.tls.disabledAlgorithms", JDK_DISABLED,
        PolicyOrigin.JDK_SECURITY_FILE, "/jdk/conf/security/java.security");
    HandshakeEvidence e = client("old.example.com")
        .local(LocalConfiguration.builder()
            .enabledProtocols(Arrays.asList("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"))
            .activeProtocols(Arrays.asList("TLSv1.3", "TLSv1.2"))
            .disabledTlsAlgorithms(JDK_DISABLED).policy(Collections.singletonList(jdkDefault)).build())
        .alertReceived(fatal("protocol_version"))
        .failure(new SSLHandshakeException("Received fatal alert: protocol_version"))
        .build();
    assertEquals(Cause.NO_COMMON_PROTOCOL_VERSION, engine.diagnose(e).cause());
  }

  @Test
  void clientProtocolsFromTheCommandLineAreChangedOnTheCommandLine() {
    PolicySetting clientProtocols = new PolicySetting("jdk.tls.client.protocols", "TLSv1.3", PolicyOrigin.COMMAND_LINE, null);
    HandshakeEvidence e = client("legacy.example.com")
        .clientHello(hello(Arrays.asList("TLSv1.3"), MODERN_SUITES, Collections.singletonList("legacy.example.com")))
        .local(LocalConfiguration.builder().enabledProtocols(Arrays.asList("TLSv1.3")).activeProtocols(Arrays.asList("TLSv1.3"))
            .disabledTlsAlgorithms(JDK_DISABLED).protocolsSource(clientProtocols).build())
        .alertReceived(fatal("protocol_version"))
        .failure(new SSLHandshakeException("Received fatal alert: protocol_version"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_PROTOCOL_VERSION, d.cause());
    assertTrue(d.fix().contains("in the -Djdk.tls.client.protocols option on the java command line"), d.fix());
    assertTrue(d.evidence().toString().contains("set with -Djdk.tls.client.protocols=TLSv1.3 on the java command line"), d.evidence().toString());
  }

  @Test
  void applicationSuitesAreFixedInTheApplicationCall() {
    PolicySetting suites = new PolicySetting("SSLParameters.setCipherSuites", "TLS_AES_128_GCM_SHA256", PolicyOrigin.APPLICATION, null);
    HandshakeEvidence e = client("x.example.com")
        .clientHello(null).messagesSent(null)
        .local(LocalConfiguration.builder().enabledProtocols(Arrays.asList("TLSv1.2"))
            .enabledCipherSuites(Arrays.asList("TLS_AES_128_GCM_SHA256")).cipherSuitesSource(suites).build())
        .failure(new SSLHandshakeException("No appropriate cipher suite"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_CIPHER_SUITE, d.cause());
    assertTrue(d.fix().contains("in the application's (or its library's) SSLParameters.setCipherSuites call"), d.fix());
  }

  @Test
  void weakCertificatePolicyFromAnOverrideFileIsLoosenedThere() {
    PolicySetting certpath = new PolicySetting("jdk.certpath.disabledAlgorithms", "MD5, SHA1, RSA keySize < 4096",
        PolicyOrigin.OVERRIDE_SECURITY_FILE, "/opt/app/strict.security");
    HandshakeEvidence e = client("api.example.com")
        .local(LocalConfiguration.builder().disabledCertPathAlgorithms(certpath.value()).policy(Collections.singletonList(certpath)).build())
        .failure(pathValidation(false, "certificate_unknown",
            "Algorithm constraints check failed on keysize limits: RSA 2048 bit key used with certificate: CN=api.example.com",
            null, java.security.cert.CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.WEAK_CERTIFICATE_ALGORITHM, d.cause(), d.toString());
    assertTrue(d.summary().contains("set in the override file /opt/app/strict.security"), d.summary());
    assertTrue(d.fix().contains("/opt/app/strict.security"), d.fix());
  }
}
