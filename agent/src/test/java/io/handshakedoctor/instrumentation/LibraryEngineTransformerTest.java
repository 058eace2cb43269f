package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names the watch on {@code ClassLoader.defineClass} registers the libraries' transformer for:
 * the hooked classes of each engine, Netty's relocated copies included, and nothing a program
 * without those engines defines (BouncyCastle's certificate classes, Netty without TLS, the agent).
 */
class LibraryEngineTransformerTest {

  @Test
  void theFirstHookedClassOfEachEngineRegistersTheTransformer() {
    assertTrue(LibraryEngineTransformer.weaves("io.netty.handler.ssl.SslHandler"));
    assertTrue(LibraryEngineTransformer.weaves("io.netty.handler.ssl.ReferenceCountedOpenSslEngine"));
    assertTrue(LibraryEngineTransformer.weaves("io.grpc.netty.shaded.io.netty.handler.ssl.ReferenceCountedOpenSslEngine"));
    assertTrue(
        LibraryEngineTransformer.weaves(
            "io.netty.handler.ssl.ReferenceCountedOpenSslClientContext$ExtendedTrustManagerVerifyCallback"));
    assertTrue(LibraryEngineTransformer.weaves("org.bouncycastle.jsse.provider.ProvSSLEngine"));
    assertTrue(LibraryEngineTransformer.weaves("org.bouncycastle.tls.TlsFatalAlertReceived"));
    assertTrue(LibraryEngineTransformer.weaves("org.conscrypt.ConscryptEngine"));
    assertTrue(LibraryEngineTransformer.weaves("org.conscrypt.Platform"));
    // gRPC's negotiator may load before any engine class: it registers the transformer too.
    assertTrue(LibraryEngineTransformer.weaves("io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiators$ClientTlsHandler"));
    assertTrue(LibraryEngineTransformer.weaves("io.grpc.netty.ProtocolNegotiators$ClientTlsHandler"));
  }

  @Test
  void otherClassesLeaveTheTransformerUnregistered() {
    assertFalse(LibraryEngineTransformer.weaves("io.netty.handler.ssl.SslContext"));
    assertFalse(LibraryEngineTransformer.weaves("io.netty.channel.nio.NioEventLoop"));
    assertFalse(LibraryEngineTransformer.weaves("org.bouncycastle.cert.X509v3CertificateBuilder"));
    assertFalse(LibraryEngineTransformer.weaves("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider"));
    assertFalse(LibraryEngineTransformer.weaves("org.conscrypt.OpenSSLProvider"));
    assertFalse(LibraryEngineTransformer.weaves("io.handshakedoctor.instrumentation.TcnativeHookPoints"));
    assertFalse(LibraryEngineTransformer.weaves("com.example.ReferenceCountedOpenSslEngine"));
    assertFalse(LibraryEngineTransformer.weaves("io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiators$ServerTlsHandler"));
  }

  @Test
  void theHookPassesEachDefinedNameToTheWatchAndSwallowsItsFaults() {
    List<String> seen = new ArrayList<>();
    long suppressedBefore = HandshakeHooks.suppressedErrors();
    HandshakeHooks.watchClassDefinitions(
        name -> {
          seen.add(name);
          throw new IllegalStateException("injected fault in the watch");
        });
    try {
      HandshakeHooks.classDefining("io.netty.handler.ssl.SslHandler"); // must not throw
      HandshakeHooks.classDefining(null); // a class file that names itself: nothing to watch
    } finally {
      HandshakeHooks.watchClassDefinitions(null);
    }
    HandshakeHooks.classDefining("org.conscrypt.ConscryptEngine"); // nothing watches any more
    assertEquals(List.of("io.netty.handler.ssl.SslHandler"), seen);
    assertEquals(suppressedBefore + 1, HandshakeHooks.suppressedErrors());
  }
}
