package io.handshakedoctor.capture.jsse;

import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import java.security.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each policy property is read with where it was set, compared against the JDK's own java.security. */
class LocalPolicyReaderTest {
  private static PolicySetting named(List<PolicySetting> settings, String name) {
    for (PolicySetting s : settings) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new AssertionError(name + " not read: " + settings);
  }

  @Test
  void untouchedSecurityPropertyComesFromTheJdksJavaSecurity() {
    PolicySetting s = named(new LocalPolicyReader().read(), "jdk.certpath.disabledAlgorithms");
    assertEquals(PolicyOrigin.JDK_SECURITY_FILE, s.origin(), s.toString());
    assertTrue(s.location().endsWith("conf/security/java.security"), s.location());
  }

  @Test
  void securityPropertyChangedAtRunTimeIsSaidToBe() {
    String before = Security.getProperty("jdk.tls.disabledAlgorithms");
    try {
      Security.setProperty("jdk.tls.disabledAlgorithms", before + ", TLSv1.2");
      PolicySetting s = named(new LocalPolicyReader().read(), "jdk.tls.disabledAlgorithms");
      assertEquals(PolicyOrigin.SECURITY_PROPERTY_SET_AT_RUN_TIME, s.origin(), s.toString());
      assertTrue(s.value().endsWith("TLSv1.2"), s.value());
    } finally {
      Security.setProperty("jdk.tls.disabledAlgorithms", before);
    }
  }

  @Test
  void systemPropertySetByCodeIsNotMistakenForACommandLineOption() {
    System.setProperty("jdk.tls.namedGroups", "x25519");
    try {
      PolicySetting s = named(new LocalPolicyReader().read(), "jdk.tls.namedGroups");
      assertEquals("x25519", s.value());
      assertEquals(PolicyOrigin.SYSTEM_PROPERTY_SET_AT_RUN_TIME, s.origin(), s.toString());
    } finally {
      System.clearProperty("jdk.tls.namedGroups");
    }
  }

  @Test
  void unsetSystemPropertyLeavesSunJsseDefault() {
    PolicySetting s = named(new LocalPolicyReader().read(), "jdk.tls.server.cipherSuites");
    assertFalse(s.isSet());
    assertEquals(PolicyOrigin.PROVIDER_DEFAULT, s.origin());
  }

  @Test
  void valuesCompareIgnoringWhitespaceAroundCommas() {
    assertTrue(LocalPolicyReader.sameValue("SSLv3,  TLSv1,\n    RC4 ", "SSLv3, TLSv1, RC4"));
    assertFalse(LocalPolicyReader.sameValue("SSLv3, TLSv1", "SSLv3, TLSv1, TLSv1.2"));
  }
}
