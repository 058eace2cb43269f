package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code X509Authentication.createClientPossession(ClientHandshakeContext, String[])}:
 * the key manager's choice of client certificate, or null when it chose none (which JSSE only
 * logs at FINEST).
 */
public final class ClientPossessionAdvice {
  private ClientPossessionAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(0) Object handshakeContext,
      @Advice.Argument(1) String[] keyTypes,
      @Advice.Return Object possession) {
    HandshakeHooks.clientCredentialsChosen(handshakeContext, keyTypes, possession);
  }
}
