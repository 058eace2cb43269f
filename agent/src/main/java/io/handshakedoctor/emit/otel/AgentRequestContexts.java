package io.handshakedoctor.emit.otel;

import io.handshakedoctor.capture.RequestContextSource;

/**
 * The OpenTelemetry output's answer to the capture's question "which request is this thread
 * serving?": the current trace context when it holds a span, and only while the OpenTelemetry
 * Java agent is attached (it bridges our API copy, so our {@code Context.current()} is the
 * application's). Decided at the first question from the boot loader alone; without the agent
 * it answers null and no OpenTelemetry class is ever loaded. The capture holds it from start-up,
 * apart from the {@link OtelOutput}, which is made only at its first need; the request context
 * comes back in each {@code FailureEvent#requestContext()} for the span event.
 */
public final class AgentRequestContexts implements RequestContextSource {
  /** Null until the first question; then whether the OpenTelemetry Java agent is attached. */
  private volatile Boolean agentAttached;

  public AgentRequestContexts() {}

  @Override
  public Object current() {
    Boolean on = agentAttached;
    if (on == null) {
      on = OtelEnvironment.javaAgentPresent();
      agentAttached = on;
    }
    return on ? TraceContexts.currentIfSpan() : null;
  }
}
