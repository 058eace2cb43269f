package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code sun.security.ssl.HandshakeContext}: its full-handshake constructor marks the
 * start of a handshake; {@code dispatch(byte, ByteBuffer)} sees every inbound handshake message in
 * plaintext (TLS 1.3's encrypted ones included), on whatever thread runs the delegated task.
 */
public final class HandshakeContextAdvice {
  private HandshakeContextAdvice() {}

  public static final class Created {
    private Created() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.This Object handshakeContext,
        @Advice.FieldValue("conContext") Object transportContext,
        @Advice.FieldValue("handshakeOutput") Object handshakeOutput) {
      HandshakeHooks.handshakeStarted(handshakeContext, transportContext, handshakeOutput);
    }
  }

  public static final class Dispatch {
    private Dispatch() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.This Object handshakeContext,
        @Advice.Argument(0) byte type,
        @Advice.Argument(1) ByteBuffer body) {
      HandshakeHooks.inboundHandshakeMessage(handshakeContext, type, body);
    }
  }
}
