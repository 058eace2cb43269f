package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code SSLEngineImpl.unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)}: lets
 * the agent sample the peer's first raw bytes while a handshake is in flight (to say what a non-TLS
 * peer sent). After the handshake the listener's check is a constant-time lookup.
 */
public final class EngineUnwrapAdvice {
  private EngineUnwrapAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.FieldValue("conContext") Object transportContext,
      @Advice.Argument(0) ByteBuffer[] sources,
      @Advice.Argument(1) int offset,
      @Advice.Argument(2) int length) {
    HandshakeHooks.engineUnwrapping(transportContext, sources, offset, length);
  }
}
