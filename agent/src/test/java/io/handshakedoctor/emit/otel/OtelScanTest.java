package io.handshakedoctor.emit.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.capture.InternalErrorReporter;
import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.emit.BudgetedOutput;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.Names;
import io.handshakedoctor.emit.SharedBudgetOutputs;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scan through the OpenTelemetry output, with a real SDK exporting to memory: the log events and
 * own spans go through the same budget as the log line and the events file; the counter and the
 * span events on a request's span do not.
 */
class OtelScanTest {
  private static final int BUDGET = 10;
  private static final int SCAN = 2_000;
  private static final AttributeKey<Long> REPEATS = AttributeKey.longKey(Names.REPEAT_COUNT);

  private final List<LogRecordData> logs = Collections.synchronizedList(new ArrayList<>());
  private final List<SpanData> spans = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> faults = Collections.synchronizedList(new ArrayList<>());
  private final InventoryMetricsTest.OnDemandReader reader = new InventoryMetricsTest.OnDemandReader();
  private OpenTelemetrySdk sdk;
  private OtelOutput otel;
  private FailureOutput budgeted;

  @BeforeEach
  void open() {
    sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(new Logs())).build())
            .setTracerProvider(
                SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new Spans())).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();
    InternalErrorReporter errors = (where, t) -> faults.add(new AssertionError(where, t));
    otel = new OtelOutput(OtelSignals.AUTO, errors, new OtelPipeline(sdk, "test", OtelSignals.AUTO));
    budgeted =
        new BudgetedOutput(new SharedBudgetOutputs(List.of(otel.logEvents()), errors), Duration.ofMinutes(10), BUDGET);
  }

  @AfterEach
  void close() {
    sdk.close();
  }

  /** As FailurePipeline does: every output in order, the OpenTelemetry output first. */
  private void report(FailureEvent event) {
    otel.write(event, 1);
    budgeted.write(event, 1);
  }

  @Test
  void aScanFromDistinctAddressesBecomesTheBudgetPlusSummariesWhoseCountsAddUp() {
    for (int i = 0; i < SCAN; i++) {
      report(oldProtocolClient("198.51." + (i / 250) + "." + (i % 250)));
    }
    int singlesBeforeFlush = logs.size();
    assertEquals(BUDGET, singlesBeforeFlush, "the budget's single events go out at once");
    assertEquals(BUDGET, spans.size(), "an own span only for the budgeted single events");
    budgeted.flush();

    List<LogRecordData> summaries =
        logs.stream().filter(r -> r.getAttributes().get(AttributeKey.stringKey(Names.AGGREGATE_TEXT)) != null)
            .collect(Collectors.toList());
    assertTrue(logs.size() <= BUDGET + 3, "at most the budget and a few summaries: " + logs.size());
    assertEquals(logs.size() - BUDGET, summaries.size());
    assertTrue(!summaries.isEmpty());
    long total = 0;
    for (LogRecordData r : logs) {
      Long n = r.getAttributes().get(REPEATS);
      total += n == null ? 1 : n;
      assertEquals(Names.EVENT, r.getEventName());
      assertEquals(Severity.INFO, r.getSeverity(), "a client's problem is INFO, as in the log line");
      assertEquals("INFO", r.getAttributes().get(AttributeKey.stringKey(Names.SEVERITY)));
    }
    assertEquals(SCAN, total, "every failure is in exactly one record's count");
    LogRecordData summary = summaries.get(0);
    assertEquals(SCAN - BUDGET, summary.getAttributes().get(REPEATS));
    long distinct = summary.getAttributes().get(AttributeKey.longKey(Names.AGGREGATE_PEERS_DISTINCT));
    assertTrue(Math.abs(distinct - (SCAN - BUDGET)) <= (SCAN - BUDGET) / 20, "distinct peers: " + distinct);
    assertNotNull(summary.getAttributes().get(AttributeKey.stringArrayKey(Names.AGGREGATE_PEERS_EXAMPLES)));
    assertNotNull(summary.getAttributes().get(AttributeKey.stringKey(Names.AGGREGATE_SINCE)));
    assertNull(summary.getAttributes().get(AttributeKey.stringKey("client.address")), "the summary names its peers");
    assertEquals(BUDGET, spans.size(), "a summary has no span");
    assertEquals(SCAN, failuresCounted(), "the counter counts every failure");
    assertTrue(faults.isEmpty(), faults.toString());
  }

  @Test
  void aClientSideFailureStillArrivesAtOnceDuringAScan() {
    for (int i = 0; i < SCAN; i++) {
      report(oldProtocolClient("198.51." + (i / 250) + "." + (i % 250)));
    }
    int before = logs.size();
    report(ownCallTo("api.example.com"));
    assertEquals(before + 1, logs.size(), "this JVM's own failed call is not held back by the scan");
    LogRecordData r = logs.get(logs.size() - 1);
    assertEquals(Severity.WARN, r.getSeverity());
    assertEquals("client", r.getAttributes().get(AttributeKey.stringKey(Names.SIDE)));
    assertEquals(SCAN + 1, failuresCounted());
  }

  @Test
  void aFailureInsideARequestSpanAddsItsSpanEventEachTimeAndTheLogEventIsCorrelated() {
    Span request = sdk.getTracer("app").spanBuilder("GET /checkout").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      for (int i = 0; i < 3 * BUDGET; i++) {
        report(ownCallTo("api" + i + ".example.com"));
      }
    } finally {
      request.end();
    }
    SpanData requestSpan = spans.stream().filter(s -> s.getName().equals("GET /checkout")).findFirst().get();
    assertEquals(3 * BUDGET, requestSpan.getEvents().size(), "one span event per failure of the request");
    assertEquals(1, spans.size(), "no own span inside a request");
    assertEquals(BUDGET, logs.size());
    assertEquals(request.getSpanContext().getSpanId(), logs.get(0).getSpanContext().getSpanId());
  }

  /**
   * A connection whose request's span ended before its handshake failed (a call whose deadline passed first): the
   * event would be dropped by the ended span, so it comes on one span of our own under it, in its trace.
   */
  @Test
  void aFailureAfterItsRequestsSpanEndedLandsOnAChildOfThatSpan() {
    Span call = sdk.getTracer("app").spanBuilder("handshakedoctor.Echo/Call").startSpan();
    io.opentelemetry.context.Context keptByTheCapture = io.opentelemetry.context.Context.root().with(call);
    call.end();

    HandshakeEvidence e = HandshakeEvidence.builder(Side.CLIENT).peer("api.example.com", 443).build();
    report(new FailureEvent(e, Diagnosis.builder(Cause.CERTIFICATE_EXPIRED)
        .summary("The server's certificate expired").fix("the server must renew").responsibleParty(Diagnosis.SERVER).build(),
        keptByTheCapture));

    assertEquals(2, spans.size(), "the call's span and one own span: " + spans);
    SpanData callSpan = spans.get(0);
    SpanData own = spans.get(1);
    assertTrue(callSpan.getEvents().isEmpty(), "an ended span takes no event");
    assertEquals(call.getSpanContext().getTraceId(), own.getTraceId());
    assertEquals(call.getSpanContext().getSpanId(), own.getParentSpanId());
    assertEquals("TLS client handshake api.example.com", own.getName());
    assertEquals(1, own.getEvents().size());
    assertEquals(Names.EVENT, own.getEvents().get(0).getName());
    assertEquals(call.getSpanContext().getSpanId(), logs.get(0).getSpanContext().getSpanId(), "the log event is the call's");
    assertEquals(1, failuresCounted());
  }

  private long failuresCounted() {
    long sum = 0;
    for (MetricData m : reader.collect()) {
      if (m.getName().equals(Names.FAILURES_METRIC)) {
        for (LongPointData p : m.getLongSumData().getPoints()) {
          sum += p.getValue();
        }
      }
    }
    return sum;
  }

  /** A scanner offering only TLS 1.0, refused by this server: the client's problem. */
  private static FailureEvent oldProtocolClient(String address) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.SERVER).peer(address, 40000)
        .clientHello(new ClientHelloSummary("TLSv1", List.of("TLSv1", "TLSv1.1"), List.of(), List.of(), null, null, null, null, false))
        .build();
    return new FailureEvent(e, Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
        .summary("The client only speaks TLSv1").fix("upgrade the client").responsibleParty(Diagnosis.CLIENT).build());
  }

  /**
   * This JVM's own call to a server whose certificate expired, made on this thread: the capture
   * found this thread's context as the request's.
   */
  private static FailureEvent ownCallTo(String host) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.CLIENT).peer(host, 443).build();
    return new FailureEvent(e, Diagnosis.builder(Cause.CERTIFICATE_EXPIRED)
        .summary("The server's certificate expired").fix("the server must renew").responsibleParty(Diagnosis.SERVER).build(),
        io.opentelemetry.context.Context.current());
  }

  private final class Logs implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> records) {
      logs.addAll(records);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private final class Spans implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> data) {
      spans.addAll(data);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
