package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code sun.security.ssl.HandshakeOutStream.complete()}: each outbound handshake
 * message passes here whole ({@code type|len24|body}) and in plaintext, before record encryption.
 */
public final class HandshakeOutStreamAdvice {
  private HandshakeOutStreamAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object handshakeOutput,
      @Advice.FieldValue("buf") byte[] buf,
      @Advice.FieldValue("count") int count) {
    HandshakeHooks.outboundHandshakeMessage(handshakeOutput, buf, count);
  }
}
