package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for java.net.http's {@code SSLTube.checkForHandshake(Throwable)}: when the connection
 * under an engine ends mid-handshake, HttpClient makes its own "Remote host terminated the
 * handshake" without telling JSSE, so this is the only place the failure is seen.
 */
public final class HttpClientTubeAdvice {
  private HttpClientTubeAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.FieldValue("engine") Object engine,
      @Advice.Argument(0) Throwable cause,
      @Advice.Return Throwable reported) {
    if (reported != null && reported != cause) {
      HandshakeHooks.handshakeAbandoned(engine, reported, cause);
    }
  }
}
