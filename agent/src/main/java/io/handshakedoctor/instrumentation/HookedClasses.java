package io.handshakedoctor.instrumentation;

import java.util.Set;

/**
 * The internal names of the classes the agent transforms, as plain strings: the transformer checks
 * every loaded class against this set, so it must not load the hook points and ASM (which {@link
 * JsseHookPoints} needs) before the first of these classes loads.
 */
public final class HookedClasses {
  private static final Set<String> NAMES =
      Set.of(
          "sun/security/ssl/TransportContext",
          "sun/security/ssl/HandshakeContext",
          "sun/security/ssl/HandshakeOutStream",
          "sun/security/ssl/CertificateMessage$T12CertificateConsumer",
          "sun/security/ssl/CertificateMessage$T13CertificateConsumer",
          "sun/security/ssl/X509Authentication",
          "sun/security/ssl/SSLSocketImpl",
          "sun/security/ssl/SSLEngineImpl",
          "jdk/internal/net/http/common/SSLTube",
          "sun/net/www/protocol/https/HttpsClient",
          "javax/net/ssl/SSLPeerUnverifiedException",
          "javax/net/ssl/SSLEngine",
          "javax/net/ssl/SSLContext");

  private HookedClasses() {}

  public static Set<String> names() {
    return NAMES;
  }

  public static boolean contains(String internalName) {
    return NAMES.contains(internalName);
  }
}
