package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the {@code sun.security.ssl.SSLEngineImpl(SSLContextImpl, String, int)} constructor
 * (the one-argument constructor delegates to it): the engine exists, on the thread that asked for
 * it. Asynchronous clients create the engine on the request's thread and handshake elsewhere, so
 * this is where the request's trace context can still be seen.
 */
public final class EngineCreatedAdvice {
  private EngineCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.This Object engine, @Advice.FieldValue("conContext") Object transportContext) {
    HandshakeHooks.engineCreated(engine, transportContext);
  }
}
