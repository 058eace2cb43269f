package io.handshakedoctor.emit.otel;

import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureSummary;
import io.handshakedoctor.emit.Names;
import io.handshakedoctor.emit.Responsibility;
import io.handshakedoctor.emit.WarningEvent;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.inventory.PeerInventory;
import io.handshakedoctor.inventory.PeerView;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.File;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The OpenTelemetry side of {@link OtelOutput}, created at the first failure: the API instance
 * (the OpenTelemetry Java agent's, through its bridge of our API copy, or our private SDK) and what
 * one failure becomes in it.
 */
final class OtelPipeline {
  static final String THREAD_PREFIX = "handshake-doctor-otel-";
  static final String SCOPE = "io.handshakedoctor";
  private static final String AGENT_BRIDGE_PACKAGE = "io.opentelemetry.javaagent.";

  private final OtelSignals signals;
  private final String mode;
  private final Tracer tracer;
  private final Logger logger;
  private final LongCounter failures;
  private final LongCounter warnings;
  private final Meter meter;

  OtelPipeline(OpenTelemetry otel, String mode, OtelSignals signals) {
    this.signals = signals;
    this.mode = mode;
    String version = agentVersion();
    this.tracer = otel.tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
    this.logger = otel.getLogsBridge().loggerBuilder(SCOPE).setInstrumentationVersion(version).build();
    this.meter = otel.meterBuilder(SCOPE).setInstrumentationVersion(version).build();
    this.warnings =
        meter
            .counterBuilder(Names.WARNINGS_METRIC)
            .setDescription("Early warnings raised from successful TLS handshakes, by warning")
            .setUnit("{warning}")
            .build();
    this.failures =
        meter
            .counterBuilder(Names.FAILURES_METRIC)
            .setDescription("TLS handshakes that failed, by diagnosed cause")
            .setUnit("{handshake}")
            .build();
  }

  /** The pipeline this JVM offers, or null when there is none (nothing is configured). */
  static OtelPipeline open(OtelSignals signals, InternalErrorReporter errors) {
    if (signals == OtelSignals.OFF) {
      return null;
    }
    if (OtelEnvironment.javaAgentPresent()) {
      // The agent intercepts GlobalOpenTelemetry.get() in every class loader that has the API,
      // ours included, and answers with its own SDK. Nothing of ours is ever set as global.
      OpenTelemetry bridged = GlobalOpenTelemetry.get();
      if (!bridged.getClass().getName().startsWith(AGENT_BRIDGE_PACKAGE)) {
        errors.internalError(
            "the OpenTelemetry Java agent is attached but does not bridge handshake-doctor's API "
                + "(its opentelemetry-api instrumentation is off, or the agent is older than 2.0); "
                + "no OpenTelemetry events",
            null);
        return null;
      }
      return new OtelPipeline(bridged, "opentelemetry-javaagent", signals);
    }
    if (!OtelEnvironment.exportConfigured()) {
      return null;
    }
    OpenTelemetrySdk sdk;
    try {
      Map<String, String> defaults = new HashMap<>();
      defaults.put("otel.exporter.otlp.protocol", "http/protobuf"); // the JDK sender speaks only this
      defaults.put("otel.metric.export.interval", "60000");
      defaults.put("otel.service.name", "unknown_service:java");
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .setServiceClassLoader(OtelPipeline.class.getClassLoader())
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (Throwable t) {
      errors.internalError(
          "starting handshake-doctor's OpenTelemetry SDK from the otel.* settings (OTLP goes over "
              + "http/protobuf only); no OpenTelemetry events",
          t);
      return null;
    }
    Thread flush = new Thread(() -> sdk.shutdown().join(10, TimeUnit.SECONDS), THREAD_PREFIX + "shutdown");
    flush.setDaemon(true);
    Runtime.getRuntime().addShutdownHook(flush);
    return new OtelPipeline(sdk, "sdk", signals);
  }

  String mode() {
    return mode;
  }

  /**
   * Every failure, unbudgeted: counted, and a span event when it happened inside a request's span
   * (the application's own call, or a request a server instrumentation traces). Both are bounded by
   * the application's own requests, never by the number of peers; the log event and the own span
   * go through the log-type outputs' budget ({@link #emitSingle}, {@link #emitSummary}).
   */
  void count(FailureEvent event) {
    Context parent = parent(event);
    failures.add(1, OtelAttributes.forMetric(event.attributes()), parent);
    if (signals.spans()) {
      Span span = Span.fromContext(parent);
      if (span.isRecording()) {
        // The application's span (e.g. the HTTP client call): annotate it, leave its status alone.
        span.addEvent(Names.EVENT, OtelAttributes.all(event.attributes(), 1));
      } else if (span.getSpanContext().isValid() && span.getSpanContext().isSampled()) {
        // The request's span ended before its connection's handshake failed (a call whose deadline
        // passed first): an event would be dropped, so a span of our own in its trace, under it.
        ownSpan(event, parent);
      }
    }
  }

  private Span ownSpan(FailureEvent event, Context parent) {
    Span own =
        tracer
            .spanBuilder(spanName(event))
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(OtelAttributes.forSpan(event.attributes()))
            .startSpan();
    own.addEvent(Names.EVENT, OtelAttributes.all(event.attributes(), 1));
    own.setStatus(StatusCode.ERROR, event.sentence());
    own.end();
    return own;
  }

  /**
   * A failure the shared budget lets through as a single report, standing for {@code repeats}
   * failures: a log event, and an own span to carry it when no request span exists. {@code current}
   * is false for a failure held back as a repeat and written later (by another failure, or at
   * exit): its request is over, so it gets the log event only.
   */
  void emitSingle(FailureEvent event, long repeats, boolean current) {
    Context parent = current ? parent(event) : Context.root();
    Context correlated = parent;
    if (current && signals.spans() && !Span.fromContext(parent).getSpanContext().isValid()) {
      correlated = parent.with(ownSpan(event, parent));
    }
    if (signals.logs()) {
      Responsibility r = Responsibility.of(event);
      AttributesBuilder b = OtelAttributes.all(event.attributes(), repeats).toBuilder();
      b.put(Names.SEVERITY, r.level());
      emitLog(r, correlated, b.build());
    }
  }

  /**
   * The failures of one group held back over an interval: one log record, with the group's first
   * failure as example (its peer removed: the record names its peers), the aggregate attributes and
   * {@code handshake_doctor.repeat.count}. No span: the group belongs to no one request.
   */
  void emitSummary(FailureSummary summary) {
    if (!signals.logs()) {
      return;
    }
    Responsibility r = Responsibility.of(summary.example());
    AttributesBuilder b = OtelAttributes.all(summary.example().attributes(), 1).toBuilder();
    for (String peerKey : new String[] {"client.address", "client.port", "server.address", "server.port"}) {
      b.remove(AttributeKey.stringKey(peerKey));
      b.remove(AttributeKey.longKey(peerKey));
    }
    b.put(Names.SEVERITY, r.level());
    b.put(Names.REPEAT_COUNT, summary.count());
    b.put(Names.AGGREGATE_TEXT, summary.sentence());
    b.put(Names.AGGREGATE_SINCE, summary.since().toString());
    b.put(Names.AGGREGATE_PEERS_DISTINCT, summary.distinctPeers());
    b.put(Names.AGGREGATE_PEERS_ESTIMATED, summary.distinctEstimated());
    b.put(AttributeKey.stringArrayKey(Names.AGGREGATE_PEERS_EXAMPLES), summary.examplePeers());
    if (!summary.common().isEmpty()) {
      b.put(Names.AGGREGATE_COMMON, summary.common());
    }
    emitLog(r, Context.root(), b.build());
  }

  private void emitLog(Responsibility r, Context context, Attributes attributes) {
    logger
        .logRecordBuilder()
        .setEventName(Names.EVENT)
        .setTimestamp(Instant.now())
        .setSeverity(r.warn() ? Severity.WARN : Severity.INFO)
        .setSeverityText(r.level())
        .setContext(context)
        .setAllAttributes(attributes)
        .emit();
  }

  /** The request's context the capture found for the failing connection, else none. */
  private static Context parent(FailureEvent event) {
    Object captured = event.requestContext();
    return captured instanceof Context ? (Context) captured : Context.root();
  }

  /** One early warning: counted, and a log event (warnings have no span of their own). */
  void emitWarning(WarningEvent event) {
    warnings.add(
        1,
        Attributes.of(
            AttributeKey.stringKey(Names.WARNING), event.warning().kind().id(),
            AttributeKey.stringKey(Names.SIDE), event.warning().handshake().side().attributeValue()));
    if (signals.logs()) {
      logger
          .logRecordBuilder()
          .setEventName(Names.WARNING_EVENT)
          .setTimestamp(Instant.now())
          .setSeverity(Severity.WARN)
          .setSeverityText("WARN")
          .setAllAttributes(OtelAttributes.all(event.attributes(), 1))
          .emit();
    }
  }

  /**
   * The inventory's instruments, read only when a metric reader collects: successful handshakes
   * by side, protocol and suite, and each peer's seconds to its earliest certificate expiry (at
   * most {@code maxPeers} peers, soonest first, so the series count stays bounded).
   */
  void observe(PeerInventory inventory, int maxPeers) {
    meter
        .counterBuilder(Names.HANDSHAKES_METRIC)
        .setDescription("Successful TLS handshakes, by side, protocol version and cipher suite")
        .setUnit("{handshake}")
        .buildWithCallback(
            m ->
                inventory
                    .counts()
                    .forEach(
                        (client, protocol, suite, n) ->
                            m.record(
                                n,
                                Attributes.of(
                                    AttributeKey.stringKey(Names.SIDE), client ? "client" : "server",
                                    AttributeKey.stringKey("tls.protocol.version"), semconv(protocol),
                                    AttributeKey.stringKey("tls.cipher"), suite))));
    meter
        .gaugeBuilder(Names.EXPIRY_METRIC)
        .setDescription("Seconds until the earliest expiry of a peer's certificates (chain, trust anchor, own)")
        .setUnit("s")
        .ofLongs()
        .buildWithCallback(
            m -> {
              Instant now = Instant.now();
              int n = 0;
              for (PeerView peer : inventory.peers()) {
                if (peer.earliestExpiry() == null) {
                  continue;
                }
                if (n++ >= maxPeers) {
                  break;
                }
                m.record(PeerInventory.secondsLeft(peer, now), peerAttributes(peer));
              }
            });
  }

  private static Attributes peerAttributes(PeerView peer) {
    AttributesBuilder b = Attributes.builder();
    b.put(Names.SIDE, peer.latest().side().attributeValue());
    if (peer.latest().peerHost() != null) {
      b.put("server.address", peer.latest().peerHost());
    }
    if (peer.latest().peerPort() > 0) {
      b.put("server.port", (long) peer.latest().peerPort());
    }
    return b.build();
  }

  private static String semconv(String jsseName) {
    return jsseName.startsWith("TLSv") ? (jsseName.equals("TLSv1") ? "1.0" : jsseName.substring(4)) : jsseName;
  }

  /** As .NET names its handshake spans (the only semantic-convention precedent). */
  static String spanName(FailureEvent event) {
    if (event.evidence().side() == Side.CLIENT) {
      String host = event.evidence().peerHost();
      return host == null ? "TLS client handshake" : "TLS client handshake " + host;
    }
    return "TLS server handshake";
  }

  private static String agentVersion() {
    try {
      File jar = new File(OtelPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile f = new JarFile(jar, false)) {
        String v = f.getManifest().getMainAttributes().getValue("Implementation-Version");
        return v == null ? "unknown" : v;
      }
    } catch (Exception | LinkageError e) {
      return "unknown";
    }
  }
}
