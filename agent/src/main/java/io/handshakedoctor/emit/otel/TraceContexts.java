package io.handshakedoctor.emit.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** The one place {@link AgentRequestContexts} touches OpenTelemetry (our isolated API copy). */
final class TraceContexts {
  private TraceContexts() {}

  /** The current context when it holds a valid span, else null. */
  static Object currentIfSpan() {
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isValid() ? current : null;
  }
}
