package io.handshakedoctor.otel;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without the OpenTelemetry Java agent, the otel.* settings start handshake-doctor's own SDK,
 * which sends OTLP over http/protobuf with the JDK's HTTP client to a real receiver: its own span
 * (there is no application span it could see) with the event, and a log-based event correlated
 * with it. Its own export failing over https is diagnosed, never re-exported, and never hangs.
 */
class OwnSdkOtlpIT {
  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    receiver = new OtlpReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void clear() {
    receiver.clear();
  }

  static Stream<Jvm> jvms() {
    return Jvm.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jvms")
  void ownSpanAndLogEventOverOtlp(Jvm jvm) throws Exception {
    String service = "hd-own-sdk-" + jvm;
    Jvm.Result run =
        jvm.run(
            samples(
                "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint("http"),
                "-Dotel.service.name=" + service,
                "certificate_expired",
                "--client",
                "socket"),
            90);
    assertEquals(0, run.exitCode, run.describe());

    Span client = null;
    for (Span s : receiver.spans()) {
      if (s.getName().startsWith("TLS client handshake")) {
        client = s;
      }
    }
    assertNotNull(client, "no client handshake span; got " + names(receiver.spans()) + "\n" + run.describe());
    assertEquals("TLS client handshake localhost", client.getName());
    assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, client.getKind());
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.getStatus().getCode());
    assertTrue(client.getStatus().getMessage().startsWith("certificate_expired: "), client.getStatus().getMessage());
    assertEquals("certificate_expired", string(client.getAttributesList(), "handshake_doctor.cause"));
    assertEquals(1, client.getEventsCount());
    Span.Event event = client.getEvents(0);
    assertEquals("handshake_doctor.handshake.failure", event.getName());
    assertEquals("certificate_expired", string(event.getAttributesList(), "handshake_doctor.cause"));
    assertNotNull(string(event.getAttributesList(), "handshake_doctor.fix"));
    assertTrue(receiver.spanResources().stream().anyMatch(r -> service.equals(string(r.getAttributesList(), "service.name"))));

    LogRecord log = null;
    for (LogRecord r : receiver.logs()) {
      if (r.getTraceId().equals(client.getTraceId())) {
        log = r;
      }
    }
    assertNotNull(log, "no log event correlated with the span; logs: " + receiver.logs().size());
    assertEquals("handshake_doctor.handshake.failure", log.getEventName());
    assertEquals(client.getSpanId(), log.getSpanId());
    assertEquals("certificate_expired", string(log.getAttributesList(), "handshake_doctor.cause"));

    // The counter, flushed at shutdown: one failure per side with this cause, each side its own
    // series; the client's names the peer it connected to, the server's never names the client.
    Metric failures = null;
    for (Metric metric : receiver.metrics()) {
      if (metric.getName().equals("handshake_doctor.handshake.failures")) {
        failures = metric;
      }
    }
    assertNotNull(failures, () -> "no handshake_doctor.handshake.failures; metrics: " + receiver.metrics());
    assertEquals("{handshake}", failures.getUnit());
    assertTrue(failures.getSum().getIsMonotonic(), failures::toString);
    NumberDataPoint clientPoint = null;
    NumberDataPoint serverPoint = null;
    for (NumberDataPoint point : failures.getSum().getDataPointsList()) {
      String side = string(point.getAttributesList(), "handshake_doctor.side");
      if ("certificate_expired".equals(string(point.getAttributesList(), "handshake_doctor.cause"))) {
        if ("client".equals(side)) {
          clientPoint = point;
        } else if ("server".equals(side)) {
          serverPoint = point;
        }
      }
    }
    assertNotNull(clientPoint, failures::toString);
    assertEquals(1, clientPoint.getAsInt(), failures::toString);
    assertEquals(
        List.of("handshake_doctor.category", "handshake_doctor.cause", "handshake_doctor.side", "server.address"),
        keys(clientPoint.getAttributesList()),
        failures::toString);
    assertEquals("localhost", string(clientPoint.getAttributesList(), "server.address"));
    assertEquals("certificate_validation", string(clientPoint.getAttributesList(), "handshake_doctor.category"));
    assertNotNull(serverPoint, failures::toString);
    assertEquals(1, serverPoint.getAsInt(), failures::toString);
    assertEquals(
        List.of("handshake_doctor.category", "handshake_doctor.cause", "handshake_doctor.side"),
        keys(serverPoint.getAttributesList()),
        failures::toString);
  }

  @Test
  void ownExportFailingOverHttpsIsDiagnosedButNotReExported() throws Exception {
    Jvm jvm = Jvm.all().get(0);
    // https to a plain-HTTP receiver: every export's own handshake fails (non_tls_peer).
    Jvm.Result run =
        jvm.run(
            samples(
                "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint("https"),
                "-Dotel.service.name=hd-own-sdk-https",
                "certificate_expired",
                "--client",
                "socket"),
            60);
    assertEquals(0, run.exitCode, run.describe());
    assertEquals(0, receiver.requests(), run.describe());
    String exportFailure = ":" + receiver.port() + " failed: ";
    assertTrue(run.stderr.contains(exportFailure), "the export's failure is diagnosed:\n" + run.describe());
    long lines = run.stderr.lines().filter(l -> l.contains(exportFailure)).count();
    assertTrue(lines <= 2, "the export's failure fed itself:\n" + run.describe());
    assertTrue(!run.stderr.contains("internal error"), run.describe());
  }

  @Test
  void nothingIsStartedWithoutOpenTelemetrySettings() throws Exception {
    Jvm jvm = Jvm.all().get(0);
    Jvm.Result run =
        jvm.run(samples("-Xlog:class+load=info:stdout", "certificate_expired", "--client", "engine"), 60);
    assertEquals(0, run.exitCode, run.describe());
    assertEquals(0, receiver.requests());
    assertTrue(!run.stdout.contains(" io.opentelemetry."), "OpenTelemetry classes were loaded:\n" + run.describe());
    assertTrue(run.stdout.contains(" io.handshakedoctor.emit.otel.OtelOutput "), "the output exists:\n" + run.describe());
    assertTrue(run.stderr.contains("certificate_expired"), run.describe());
    assertTrue(!run.stderr.contains("internal error"), run.describe());
  }

  private static List<String> samples(String... tail) {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + BuiltJars.AGENT + "=log=stderr");
    List<String> rest = new ArrayList<>();
    for (String t : tail) {
      if (t.startsWith("-D") || t.startsWith("-X")) {
        args.add(t);
      } else {
        rest.add(t);
      }
    }
    args.add("-jar");
    args.add(BuiltJars.SAMPLES.toString());
    args.addAll(rest);
    return args;
  }

  private static String string(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        return v.getStringValue();
      }
    }
    return null;
  }

  /** The attribute keys, sorted; a sent version ({@code tls.protocol.version}) is left out. */
  private static List<String> keys(List<KeyValue> attributes) {
    List<String> out = new ArrayList<>();
    for (KeyValue kv : attributes) {
      if (!kv.getKey().equals("tls.protocol.version")) {
        out.add(kv.getKey());
      }
    }
    out.sort(null);
    return out;
  }

  private static List<String> names(List<Span> spans) {
    List<String> out = new ArrayList<>();
    for (Span s : spans) {
      out.add(s.getName());
    }
    return out;
  }
}
