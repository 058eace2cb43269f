package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code sun.security.ssl.TransportContext}: every TLS-level failure of a connection,
 * sent or received, passes through {@code fatal(Alert, String, boolean, Throwable)}; a completed
 * handshake through {@code finishHandshake()}.
 */
public final class TransportContextAdvice {
  private TransportContextAdvice() {}

  /** Only the first fatal call per connection is real; later ones rethrow the close reason. */
  public static final class Fatal {
    private Fatal() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(
        @Advice.This Object transportContext,
        @Advice.Argument(0) Object alert,
        @Advice.Argument(1) String diagnostic,
        @Advice.Argument(2) boolean alertReceived,
        @Advice.Argument(3) Throwable cause,
        @Advice.FieldValue("closeReason") Object closeReason,
        @Advice.FieldValue("handshakeContext") Object handshakeContext) {
      if (closeReason != null) {
        return false;
      }
      HandshakeHooks.fatalStarted(
          transportContext, alert, diagnostic, alertReceived, cause, handshakeContext);
      return true;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object transportContext,
        @Advice.Enter boolean first,
        @Advice.Thrown Throwable thrown) {
      if (first) {
        HandshakeHooks.fatalThrown(transportContext, thrown);
      }
    }
  }

  public static final class FinishHandshake {
    private FinishHandshake() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object transportContext) {
      HandshakeHooks.handshakeFinished(transportContext);
    }
  }
}
