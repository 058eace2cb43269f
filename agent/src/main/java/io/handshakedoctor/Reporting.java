package io.handshakedoctor;

import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.JsonLinesOutput;
import io.handshakedoctor.emit.otel.OtelOutput;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the running agent reports to, replaceable while the JVM runs: a second attach swaps in new
 * outputs (the hooks stay as they are) and {@code enabled=false} turns reporting off. Failures are
 * counted whether reporting is on or off, before any output folds or summarises them. The first
 * outputs are made at their first need (a failure, a warning, a second attach), not at start-up.
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
  private volatile Outputs current; // null until first needed
  /** Makes the outputs of the start-up settings, once, at their first need; null once made. */
  private Supplier<Outputs> first; // guarded by this
  private volatile boolean published;

  Reporting(Supplier<Outputs> first) {
    this.first = first;
    this.on = true;
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

  /** The outputs in force, made now if this is their first need. */
  Outputs current() {
    Outputs c = current;
    return c != null ? c : makeFirst();
  }

  /** The outputs in force if any were made (null before the first need): for exit. */
  Outputs madeSoFar() {
    return current;
  }

  private synchronized Outputs makeFirst() {
    if (current == null) {
      current = first.get();
      first = null;
    }
    return current;
  }

  /** Swaps in new outputs and returns the old ones (null when none was made yet), for the caller to flush. */
  synchronized Outputs replace(Outputs next) {
    Outputs old = current;
    current = next;
    first = null;
    if (old != null && old.eventsFile != null) {
      failuresNotWrittenBefore.addAndGet(old.eventsFile.failuresNotWritten());
    }
    return old;
  }

  /** Failures the events file could not take (disk full, unwritable) since start-up. */
  long failuresNotWritten() {
    Outputs c = current;
    JsonLinesOutput file = c == null ? null : c.eventsFile;
    return failuresNotWrittenBefore.get() + (file == null ? 0 : file.failuresNotWritten());
  }

  synchronized void publish() {
    if (!published) {
      published = true;
      ControlBean.register(this);
    }
  }
}
