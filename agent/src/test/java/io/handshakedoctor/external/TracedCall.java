package io.handshakedoctor.external;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.util.Arrays;

/**
 * The forked application of {@link EngineTraceIT}: a traced service making one call through the
 * engine named by {@code args[0]} ({@code grpc}, {@code grpc-jdk}, {@code netty-tcnative}, {@code bc-jsse}, {@code reactor-netty}) inside a
 * request span of its own, made through the OpenTelemetry API that the OpenTelemetry Java agent
 * bridges, as a server instrumentation would make it. The rest of the arguments go to that
 * engine's client ({@link GrpcConnect}, {@link NettyTcnativeConnect}, {@link BcJsseConnect}, {@link ReactorNettyConnect}). Test
 * only.
 */
public final class TracedCall {
  private TracedCall() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    String[] clientArgs = Arrays.copyOfRange(args, 1, args.length);
    Span request =
        GlobalOpenTelemetry.getTracer("handshake-doctor-it")
            .spanBuilder("request " + engine)
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    try (Scope ignored = request.makeCurrent()) {
      switch (engine) {
        case "grpc":
        case "grpc-jdk":
          GrpcConnect.main(clientArgs);
          break;
        case "netty-tcnative":
          NettyTcnativeConnect.main(clientArgs);
          break;
        case "bc-jsse":
          BcJsseConnect.main(clientArgs);
          break;
        case "reactor-netty":
          ReactorNettyConnect.main(clientArgs);
          break;
        default:
          throw new IllegalArgumentException("no such engine: " + engine);
      }
    } finally {
      request.end();
    }
  }
}
