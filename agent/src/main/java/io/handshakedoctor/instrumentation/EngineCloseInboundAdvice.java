package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import javax.net.ssl.SSLException;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code SSLEngineImpl.closeInbound()}: an engine user (Netty, a hand-written NIO
 * client) that reads the end of the stream mid-handshake closes the engine's inbound, and JSSE
 * answers with an SSLException that (since JDK 21) never passes through {@code fatal}.
 */
public final class EngineCloseInboundAdvice {
  private EngineCloseInboundAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.This Object engine, @Advice.Thrown Throwable thrown) {
    if (thrown instanceof SSLException) {
      HandshakeHooks.handshakeAbandoned(engine, thrown, null);
    }
  }
}
