package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * `openssl s_client -tls1_2 -cipher CAMELLIA:ARIA` against a JVM server with the JDK's default
 * suites: ARIA-GCM with ECDHE looks "modern" by name, but the JDK implements none of them, so the
 * client must change, not this server (seen in io.handshakedoctor.external.JvmServerOpenSslClientIT).
 */
class UnimplementedSuitesTest {
  private final DiagnosisEngine engine = DiagnosisEngine.standard();

  @Test
  void clientOfferingOnlyAriaAndCamelliaMustChange() {
    HandshakeEvidence e = server("10.0.0.9")
        .clientHello(legacyHello("TLSv1.2", Arrays.asList("TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384",
            "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256")))
        .local(LocalConfiguration.builder().enabledCipherSuites(MODERN_SUITES).activeCipherSuites(MODERN_SUITES).build())
        .failure(new SSLHandshakeException("(handshake_failure) no cipher suites in common"))
        .build();
    Diagnosis d = engine.diagnose(e);
    assertEquals(Cause.NO_COMMON_CIPHER_SUITE, d.cause());
    assertEquals("client", d.responsibleParty());
    assertTrue(d.summary().contains("does not implement"), d.summary());
  }

  @Test
  void jsseImplements() {
    assertFalse(CipherSuites.jsseImplements("TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"));
    assertFalse(CipherSuites.jsseImplements("TLS_ECDHE_ECDSA_WITH_AES_128_CCM"));
    assertTrue(CipherSuites.jsseImplements("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    assertTrue(CipherSuites.anyModernJsseImplements(Collections.singletonList("TLS_AES_128_GCM_SHA256")));
  }
}
