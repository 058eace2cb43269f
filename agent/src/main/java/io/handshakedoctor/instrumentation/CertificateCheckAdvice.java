package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for JSSE's calls into the trust manager ({@code CertificateMessage}'s TLS 1.2 and 1.3
 * consumers): these call sites see every trust manager, the application's own included.
 */
public final class CertificateCheckAdvice {
  private CertificateCheckAdvice() {}

  /** TLS 1.2: {@code checkServerCerts(ClientHandshakeContext, X509Certificate[])}. */
  public static final class Tls12ServerChain {
    private Tls12ServerChain() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) Object handshakeContext, @Advice.Argument(1) Object chain) {
      HandshakeHooks.certificatesChecking(handshakeContext, chain, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object handshakeContext,
        @Advice.Argument(1) Object chain,
        @Advice.Thrown Throwable thrown) {
      HandshakeHooks.certificatesChecked(handshakeContext, chain, thrown, true);
    }
  }

  /** TLS 1.2: {@code checkClientCerts(ServerHandshakeContext, X509Certificate[])}. */
  public static final class Tls12ClientChain {
    private Tls12ClientChain() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) Object handshakeContext, @Advice.Argument(1) Object chain) {
      HandshakeHooks.certificatesChecking(handshakeContext, chain, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object handshakeContext,
        @Advice.Argument(1) Object chain,
        @Advice.Thrown Throwable thrown) {
      HandshakeHooks.certificatesChecked(handshakeContext, chain, thrown, false);
    }
  }

  /** TLS 1.3: {@code X509Certificate[] checkServerCerts(ClientHandshakeContext, List)}. */
  public static final class Tls13ServerChain {
    private Tls13ServerChain() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object handshakeContext) {
      HandshakeHooks.certificatesChecking(handshakeContext, null, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object handshakeContext,
        @Advice.Return Object chain,
        @Advice.Thrown Throwable thrown) {
      HandshakeHooks.certificatesChecked(handshakeContext, chain, thrown, true);
    }
  }

  /** TLS 1.3: {@code X509Certificate[] checkClientCerts(ServerHandshakeContext, List)}. */
  public static final class Tls13ClientChain {
    private Tls13ClientChain() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object handshakeContext) {
      HandshakeHooks.certificatesChecking(handshakeContext, null, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object handshakeContext,
        @Advice.Return Object chain,
        @Advice.Thrown Throwable thrown) {
      HandshakeHooks.certificatesChecked(handshakeContext, chain, thrown, false);
    }
  }
}
