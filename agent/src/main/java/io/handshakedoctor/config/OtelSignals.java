package io.handshakedoctor.config;

/**
 * What the agent sends to OpenTelemetry (docs/opentelemetry.md): {@code AUTO} a span event on the
 * failing connection's span (or a span of its own when there is none) and a log-based event;
 * {@code SPANS} or {@code LOGS} only one of them; {@code OFF} nothing.
 */
public enum OtelSignals {
  AUTO,
  SPANS,
  LOGS,
  OFF;

  public boolean spans() {
    return this == AUTO || this == SPANS;
  }

  public boolean logs() {
    return this == AUTO || this == LOGS;
  }
}
