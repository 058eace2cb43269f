package io.handshakedoctor.otel;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample checkout service under the real OpenTelemetry Java agent and handshake-doctor, in
 * both {@code -javaagent} orders, on every JDK the build has, exporting to a real Zipkin: the
 * diagnosis must land as a span event on the very HTTP client span whose handshake failed, for a
 * synchronous client (HttpsURLConnection: the handshake runs on the request's thread) and an
 * asynchronous one (java.net.http: the handshake runs on the client's threads, so only the context
 * captured when its SSLEngine was created leads back to the request).
 */
class OpenTelemetryAgentIT {
  private static ZipkinServer zipkin;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkin = ZipkinServer.start();
  }

  @AfterAll
  static void stopZipkin() {
    if (zipkin != null) {
      zipkin.close();
    }
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (Jvm jvm : Jvm.all()) {
      out.add(Arguments.of(jvm, true));
      out.add(Arguments.of(jvm, false));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, handshake-doctor first: {1}")
  @MethodSource("runs")
  void diagnosisIsAnEventOnTheFailingClientSpan(Jvm jvm, boolean doctorFirst) throws Exception {
    String service = "checkout-" + jvm + "-" + (doctorFirst ? "hd-first" : "otel-first");
    String doctor = "-javaagent:" + BuiltJars.AGENT + "=log=stderr";
    String otel = "-javaagent:" + Jvm.OTEL_AGENT_JAR;
    List<String> args = new ArrayList<>();
    args.add(doctorFirst ? doctor : otel);
    args.add(doctorFirst ? otel : doctor);
    args.addAll(
        List.of(
            "-Dotel.service.name=" + service,
            "-Dotel.traces.exporter=zipkin",
            "-Dotel.exporter.zipkin.endpoint=" + zipkin.spansEndpoint(),
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.javaagent.logging=none",
            "-cp",
            BuiltJars.SAMPLES.toString(),
            "io.handshakedoctor.samples.service.CheckoutService",
            "selftest"));
    Jvm.Result run = jvm.run(args, 150);
    assertEquals(0, run.exitCode, run.describe());
    assertTrue(run.stdout.contains("checkout client=url status=502"), run.describe());
    assertTrue(run.stdout.contains("checkout client=http-client status=502"), run.describe());
    assertTrue(!run.stderr.contains("internal error"), run.describe());

    List<List<Map<String, Object>>> traces = awaitTraces(service, 3);
    int annotatedClientSpans = 0;
    int serverSideSpans = 0;
    StringBuilder seen = new StringBuilder();
    for (List<Map<String, Object>> trace : traces) {
      for (Map<String, Object> span : trace) {
        String name = String.valueOf(span.get("name"));
        String failure = failureAnnotation(span);
        seen.append(span.get("kind")).append(' ').append(name).append(' ').append(failure == null ? "" : "[event]").append('\n');
        assertTrue(!name.startsWith("tls client handshake"), "a client failure lost its request's trace:\n" + seen);
        if (failure == null) {
          continue;
        }
        if ("CLIENT".equals(span.get("kind"))) {
          annotatedClientSpans++;
          assertTrue(failure.contains("\"handshake_doctor.cause\":\"certificate_expired\""), failure);
          assertTrue(failure.contains("\"handshake_doctor.fix\":"), failure);
          assertTrue(failure.contains("\"server.port\":"), failure);
          assertTrue(hasServerParent(trace, span), "the client span is not inside the request's trace:\n" + trace);
        } else if (name.equals("tls server handshake")) {
          serverSideSpans++;
          assertTrue(failure.contains("\"handshake_doctor.side\":\"server\""), failure);
        }
      }
    }
    assertEquals(2, annotatedClientSpans, "CLIENT spans with the event (url, http-client):\n" + seen + run.describe());
    assertTrue(serverSideSpans >= 1, "the payments server's own failure:\n" + seen);
  }

  private static List<List<Map<String, Object>>> awaitTraces(String service, int atLeast) throws Exception {
    List<List<Map<String, Object>>> traces = List.of();
    for (int i = 0; i < 40; i++) {
      traces = zipkin.traces(service);
      if (traces.size() >= atLeast) {
        break;
      }
      Thread.sleep(250);
    }
    return traces;
  }

  @SuppressWarnings("unchecked")
  private static String failureAnnotation(Map<String, Object> span) {
    Object annotations = span.get("annotations");
    if (!(annotations instanceof List)) {
      return null;
    }
    for (Object a : (List<Object>) annotations) {
      String value = String.valueOf(((Map<String, Object>) a).get("value"));
      if (value.startsWith("\"handshake_doctor.handshake.failure\":")) {
        return value;
      }
    }
    return null;
  }

  private static boolean hasServerParent(List<Map<String, Object>> trace, Map<String, Object> span) {
    Object parentId = span.get("parentId");
    for (Map<String, Object> other : trace) {
      if (other.get("id").equals(parentId)) {
        return "SERVER".equals(other.get("kind")) && String.valueOf(other.get("name")).contains("/checkout");
      }
    }
    return false;
  }
}
