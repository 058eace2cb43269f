package io.handshakedoctor;

import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.emit.otel.OtelOutput;

/**
 * The OpenTelemetry output: one per JVM (a second attach keeps it), made at its first need (the
 * first failure's outputs, or the peer inventory's metrics), never at start-up; null when off.
 */
final class OtelOutputSlot {
  private final OtelSignals signals;
  private final InternalErrors errors;
  private volatile OtelOutput output;

  OtelOutputSlot(OtelSignals signals, InternalErrors errors) {
    this.signals = signals;
    this.errors = errors;
  }

  boolean off() {
    return signals == OtelSignals.OFF;
  }

  /** The output, made now if this is its first need; null when OpenTelemetry is off. */
  OtelOutput get() {
    if (off()) {
      return null;
    }
    OtelOutput o = output;
    if (o == null) {
      synchronized (this) {
        o = output;
        if (o == null) {
          o = new OtelOutput(signals, errors);
          output = o;
        }
      }
    }
    return o;
  }
}
