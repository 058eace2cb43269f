package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BcJsseHookPointsTest {
  @Test
  void hooksBcConnectionsPeersAndTheReceivedAlertException() {
    assertEquals(3, BcJsseHookPoints.forClass("org/bouncycastle/jsse/provider/ProvSSLSocketDirect").size());
    assertEquals(3, BcJsseHookPoints.forClass("org/bouncycastle/jsse/provider/ProvSSLSocketWrap").size());
    assertEquals(4, BcJsseHookPoints.forClass("org/bouncycastle/jsse/provider/ProvSSLEngine").size());
    assertEquals(2, BcJsseHookPoints.forClass("org/bouncycastle/jsse/provider/ProvTlsClient").size());
    assertEquals(2, BcJsseHookPoints.forClass("org/bouncycastle/jsse/provider/ProvTlsServer").size());
    assertTrue(BcJsseHookPoints.isHooked("org/bouncycastle/tls/TlsFatalAlertReceived"));
  }

  @Test
  void leavesOtherClassesAlone() {
    assertFalse(BcJsseHookPoints.isHooked("org/bouncycastle/jsse/provider/ProvSSLSocketDirect$AppInputStream"));
    assertFalse(BcJsseHookPoints.isHooked("org/bouncycastle/jsse/provider/ProvTlsClient$1"));
    assertFalse(BcJsseHookPoints.isHooked("org/bouncycastle/tls/TlsFatalAlert"));
    assertFalse(BcJsseHookPoints.isHooked("com/example/ProvSSLEngine"));
    assertFalse(BcJsseHookPoints.isHooked("sun/security/ssl/SSLEngineImpl"));
    assertFalse(BcJsseHookPoints.isHooked(null));
  }
}
