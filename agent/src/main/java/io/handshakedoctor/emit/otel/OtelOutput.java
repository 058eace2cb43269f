package io.handshakedoctor.emit.otel;

import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.FailureSummary;
import io.handshakedoctor.emit.WarningEvent;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.inventory.PeerInventory;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.List;

/**
 * Sends each failure to OpenTelemetry (docs/opentelemetry.md). Nothing happens at start-up: the
 * first failure decides where events go, and that decision holds for the life of the JVM.
 *
 * <ul>
 *   <li>The OpenTelemetry Java agent is attached: through the agent's pipeline (it bridges our
 *       isolated, unrelocated API copy), as a span event on the failing connection's span.
 *   <li>No agent, but {@code otel.*} export settings: a private SDK, never made global.
 *   <li>Neither: nothing (the log line and the events file still report the failure).
 * </ul>
 *
 * This output counts every failure and adds the span event to a request's span, unbudgeted. The
 * log event (and the own span made to carry it when no request span exists) is {@link
 * #logEvents()}, an output that sits behind the log line's and the events file's shared budget, so
 * a scan from many addresses reaches the backend as the budgeted single events plus one summary
 * record per group and interval (docs/reliability.md). Put this output before the budgeted one: it
 * marks the failure being reported, whose request context (in the event) the log event is
 * correlated with.
 *
 * This class names no OpenTelemetry type, so constructing it loads none.
 */
public final class OtelOutput implements FailureOutput {
  private static final String[] EXPORTER_THREADS = {
    "BatchSpanProcessor_WorkerThread", "BatchLogRecordProcessor_WorkerThread", OtelPipeline.THREAD_PREFIX
  };

  private final OtelSignals signals;
  private final InternalErrorReporter errors;
  private final ThreadLocal<Boolean> writing = new ThreadLocal<>();
  /** The failure this thread is reporting, once counted: only it may have an own span. */
  private final ThreadLocal<WeakReference<FailureEvent>> reporting = new ThreadLocal<>();
  private final LogEvents logEvents = new LogEvents();
  private final Object lock = new Object();
  private volatile OtelPipeline pipeline;
  private volatile boolean decided;
  private volatile List<URI> exportEndpoints = List.of();
  private volatile PeerInventory inventory;
  private int inventoryMetricPeers;

  public OtelOutput(OtelSignals signals, InternalErrorReporter errors) {
    this.signals = signals;
    this.errors = errors;
  }

  /** With a pipeline already open (tests). */
  OtelOutput(OtelSignals signals, InternalErrorReporter errors, OtelPipeline pipeline) {
    this(signals, errors);
    this.pipeline = pipeline;
    this.decided = true;
  }

  /** The log-event part, to put behind the same budget as the log line and the events file. */
  public FailureOutput logEvents() {
    return logEvents;
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    reporting.remove();
    if (writing.get() != null || onExporterThread()) {
      return; // a failure of our own export, or of an export our event caused: never re-exported
    }
    writing.set(Boolean.TRUE);
    try {
      OtelPipeline p = pipeline();
      if (p == null || isExportEndpoint(event.evidence())) {
        return;
      }
      p.count(event);
      reporting.set(new WeakReference<>(event));
    } finally {
      writing.remove();
    }
  }

  /**
   * The log events (and own spans), written by the shared budget: single failures on the failing
   * thread, summaries on the next failure's thread, the summary timer's or at exit.
   */
  private final class LogEvents implements FailureOutput {
    @Override
    public void write(FailureEvent event, long repeats) {
      WeakReference<FailureEvent> marked = reporting.get();
      boolean current = marked != null && marked.get() == event;
      if (current) {
        reporting.remove();
      }
      if (writing.get() != null || onExporterThread()) {
        return;
      }
      writing.set(Boolean.TRUE);
      try {
        OtelPipeline p = pipeline();
        if (p == null || isExportEndpoint(event.evidence())) {
          return;
        }
        p.emitSingle(event, repeats, current);
      } finally {
        writing.remove();
      }
    }

    @Override
    public void writeSummary(FailureSummary summary) {
      if (writing.get() != null || onExporterThread()) {
        return;
      }
      writing.set(Boolean.TRUE);
      try {
        OtelPipeline p = pipeline();
        if (p == null || isExportEndpoint(summary.example().evidence())) {
          return;
        }
        p.emitSummary(summary);
      } finally {
        writing.remove();
      }
    }
  }

  /** Publishes the inventory's metrics once a pipeline exists (opened by {@link #inventoryRecorded}). */
  public void observe(PeerInventory peers, int maxMetricPeers) {
    this.inventoryMetricPeers = maxMetricPeers;
    this.inventory = peers;
  }

  /** A peer was recorded: the inventory's metrics need the pipeline, so decide it now (once). */
  public void inventoryRecorded() {
    if (!decided && writing.get() == null && !onExporterThread()) {
      pipeline();
    }
  }

  @Override
  public void warn(WarningEvent warning) {
    if (writing.get() != null || onExporterThread()) {
      return;
    }
    writing.set(Boolean.TRUE);
    try {
      OtelPipeline p = pipeline();
      if (p != null) {
        p.emitWarning(warning);
      }
    } finally {
      writing.remove();
    }
  }

  private OtelPipeline pipeline() {
    if (decided) {
      return pipeline;
    }
    synchronized (lock) {
      if (!decided) {
        exportEndpoints = OtelEnvironment.exportEndpoints();
        try {
          // Decided from the boot loader and the settings alone: with no OpenTelemetry in sight,
          // no OpenTelemetry class is ever loaded.
          if (OtelEnvironment.javaAgentPresent() || OtelEnvironment.exportConfigured()) {
            pipeline = OtelPipeline.open(signals, errors);
            if (pipeline != null && inventory != null) {
              pipeline.observe(inventory, inventoryMetricPeers);
            }
          }
        } catch (Throwable t) {
          errors.internalError("starting the OpenTelemetry output; it stays off", t);
        }
        decided = true;
      }
      return pipeline;
    }
  }

  private boolean isExportEndpoint(HandshakeEvidence evidence) {
    return OtelEnvironment.sameEndpoint(exportEndpoints, evidence.peerHost(), evidence.peerPort());
  }

  private static boolean onExporterThread() {
    String name = Thread.currentThread().getName();
    for (String prefix : EXPORTER_THREADS) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
