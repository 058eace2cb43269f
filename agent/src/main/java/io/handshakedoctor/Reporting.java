package io.handshakedoctor;

import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.JsonLinesOutput;
import io.handshakedoctor.emit.otel.OtelOutput;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the running agent reports to, replaceable while the JVM runs: a second attach swaps in new
 * outputs (the hooks stay as they are) and {@code enabled=false} turns reporting off. Failures are
 * counted whether reporting is on or off, before any output folds or summarises them.
 */
final class Reporting {
  /** The enricher and outputs of one set of settings. */
  static final class Outputs {
    final ExceptionEnricher enricher;
    /** The OpenTelemetry output (null when off): kept across attaches, first in {@link #outputs}. */
    final OtelOutput otel;
    final List<FailureOutput> outputs;
    final JsonLinesOutput eventsFile; // null when none

    Outputs(ExceptionEnricher enricher, OtelOutput otel, List<FailureOutput> outputs, JsonLinesOutput eventsFile) {
      this.enricher = enricher;
      this.otel = otel;
      this.outputs = outputs;
      this.eventsFile = eventsFile;
    }

    /** The outputs a second attach replaces: all but the OpenTelemetry one. */
    List<FailureOutput> replaceable() {
      return otel == null ? outputs : outputs.subList(1, outputs.size());
    }
  }

  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong failuresNotWrittenBefore = new AtomicLong();
  private volatile boolean on;
  private volatile Outputs current;
  private volatile boolean published;

  Reporting(Outputs outputs, boolean on) {
    this.current = outputs;
    this.on = on;
  }

  /** Counts one failed handshake; the first also publishes the JMX view (never at start-up). */
  void countFailure() {
    failures.incrementAndGet();
    if (!published) {
      publish();
    }
  }

  long failures() {
    return failures.get();
  }

  boolean on() {
    return on;
  }

  void turn(boolean on) {
    this.on = on;
  }

  Outputs current() {
    return current;
  }

  /** Swaps in new outputs and returns the old ones, for the caller to flush. */
  synchronized Outputs replace(Outputs next) {
    Outputs old = current;
    if (old.eventsFile != null) {
      failuresNotWrittenBefore.addAndGet(old.eventsFile.failuresNotWritten());
    }
    current = next;
    return old;
  }

  /** Failures the events file could not take (disk full, unwritable) since start-up. */
  long failuresNotWritten() {
    JsonLinesOutput file = current.eventsFile;
    return failuresNotWrittenBefore.get() + (file == null ? 0 : file.failuresNotWritten());
  }

  synchronized void publish() {
    if (!published) {
      published = true;
      ControlBean.register(this);
    }
  }
}
