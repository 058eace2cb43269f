package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.io.InterruptedIOException;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code SSLSocketImpl.startHandshake(boolean)}: a read timeout during the handshake
 * is rethrown without going through {@code fatal}, so this is the only place it is seen.
 */
public final class SocketHandshakeAdvice {
  private SocketHandshakeAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.FieldValue("conContext") Object transportContext, @Advice.Thrown Throwable thrown) {
    if (thrown instanceof InterruptedIOException) {
      HandshakeHooks.handshakeInterrupted(transportContext, thrown);
    }
  }
}
