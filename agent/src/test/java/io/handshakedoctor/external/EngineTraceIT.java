package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.otel.ZipkinServer;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
 * The engines that are not SunJSSE, under the real OpenTelemetry Java agent and handshake-doctor,
 * exporting to a real Zipkin: a traced request ({@link TracedCall}) calls an {@code openssl
 * s_server} whose certificate expired, through Netty with netty-tcnative, Reactor Netty's HttpClient
 * on netty-tcnative, the BouncyCastle JSSE client, gRPC on its defaults (grpc-netty-shaded's
 * BoringSSL) and gRPC forced onto the JDK's provider. The diagnosis must land on a span of that
 * request's trace (the request's own span for a bare handshake): the handshake runs on an event
 * loop, so only the context the capture took when the engine was created leads back. gRPC makes
 * even the engine on its event loop, outside any call's context: its diagnosis must land on the
 * failing call's own CLIENT span (the OpenTelemetry agent's gRPC instrumentation makes it), carried
 * from where the call started the connection. One JVM per engine and JDK.
 */
class EngineTraceIT {
  private static final Path OTEL_AGENT_JAR =
      Paths.get(System.getProperty("otel.javaagent.jar", "target/otel-it/opentelemetry-javaagent.jar")).toAbsolutePath();
  private static final String CAUSE = "certificate_expired";
  /** The span the OpenTelemetry agent's gRPC instrumentation makes for {@link GrpcConnect#CALL} (Zipkin lower-cases names). */
  private static final String GRPC_CALL_SPAN = GrpcConnect.CALL.getFullMethodName().toLowerCase(java.util.Locale.ROOT);

  private static Path dir;
  private static ExternalPki pki;
  private static ZipkinServer zipkin;
  private static Process server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-engine-trace");
    port = Processes.freePort();
    server =
        Processes.start(
            List.of(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + port, "-www", "-alpn", "h2",
                "-cert", pki.file("expired.pem").toString(), "-cert_chain", pki.file("intermediate.pem").toString(),
                "-key", pki.file("expired.key").toString()),
            dir, "s_server");
    Processes.awaitPort(port, server, Duration.ofSeconds(10), "s_server");
    zipkin = ZipkinServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      Processes.stop(server);
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String engine : List.of("grpc", "grpc-jdk", "netty-tcnative", "bc-jsse", "reactor-netty")) {
        out.add(Arguments.of(jdk, engine));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("runs")
  void theDiagnosisLandsOnTheFailingRequestsTrace(TestJdk jdk, String engine) throws Exception {
    String service = "engine-" + engine + "-" + jdk.feature();
    ForkedJvm jvm = new ForkedJvm(dir, service);
    List<String> command =
        jvm.command(
            jdk,
            TracedCall.class.getName(),
            List.of(engine, pki.file("root.pem").toString(), "expired=" + target(engine)),
            "",
            List.of(
                "-Dotel.service.name=" + service,
                "-Dotel.traces.exporter=zipkin",
                "-Dotel.exporter.zipkin.endpoint=" + zipkin.spansEndpoint(),
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-Dotel.javaagent.logging=none",
                // The first call under both agents loads and instruments gRPC and Netty: slow on 2 vCPUs.
                "-Dgrpc.connect.deadline.seconds=60"));
    command.add(1, "-javaagent:" + OTEL_AGENT_JAR);
    command.set(command.indexOf("-cp") + 1, classPath(engine));
    int exit = Processes.run(command, jvm.dir, "jvm", null, Duration.ofSeconds(150));
    String context = engine + " on " + jdk + "\n" + jvm.describe();
    assertEquals(0, exit, context);
    assertTrue(jvm.stdout().contains("handshake-doctor: " + CAUSE), "the application's exception carries the diagnosis\n" + context);

    String requestName = "request " + engine;
    boolean grpc = engine.startsWith("grpc");
    List<List<Map<String, Object>>> traces = awaitAnnotatedTrace(service, grpc);
    StringBuilder seen = describe(traces);
    int annotated = 0;
    int onTheCall = 0;
    for (List<Map<String, Object>> trace : traces) {
      boolean hasRequest = trace.stream().anyMatch(s -> requestName.equals(s.get("name")));
      Map<String, Object> call =
          trace.stream().filter(s -> "CLIENT".equals(s.get("kind")) && GRPC_CALL_SPAN.equals(s.get("name"))).findFirst().orElse(null);
      for (Map<String, Object> span : trace) {
        String failure = ZipkinServer.failureAnnotation(span);
        if (failure == null) {
          continue;
        }
        annotated++;
        assertTrue(failure.contains("\"handshake_doctor.cause\":\"" + CAUSE + "\""), failure);
        assertTrue(failure.contains("\"handshake_doctor.side\":\"client\""), failure);
        assertTrue(failure.contains("\"server.port\":" + port), failure);
        if (grpc && call != null && call.get("id").equals(span.get("id"))) {
          // The failing call's own span, in the request's trace.
          assertTrue(hasRequest, "the call is not in the request's trace:\n" + seen + context);
          onTheCall++;
        } else if (grpc) {
          // A reconnection after the call failed belongs to no call: on the span current where gRPC
          // started it (the request's, when the application's thread drove gRPC's queue, e.g. while
          // shutting the channel down), else on a span of its own.
          String name = String.valueOf(span.get("name"));
          assertTrue(
              name.startsWith("tls client handshake") || (requestName.equals(name) && hasRequest),
              "a reconnection's event is on the request's span or an own span:\n" + seen + context);
        } else {
          assertTrue(hasRequest, "the failure is not in the request's trace:\n" + seen + context);
          if (!engine.equals("reactor-netty")) {
            // A bare handshake has no span of its own: the request's. (Reactor Netty's may be the CLIENT span
            // the OpenTelemetry agent made for the call.)
            assertEquals(requestName, span.get("name"), "the request's span:\n" + seen);
          }
        }
      }
    }
    if (grpc) {
      assertEquals(1, onTheCall, "the failing call's CLIENT span has the event:\n" + seen + context);
    }
    // gRPC may reconnect at once after a failed handshake: a second real handshake, a second event.
    assertTrue(annotated >= 1 && annotated <= 2, annotated + " spans with the event:\n" + seen + context);
  }

  private static StringBuilder describe(List<List<Map<String, Object>>> traces) {
    StringBuilder seen = new StringBuilder();
    for (List<Map<String, Object>> trace : traces) {
      for (Map<String, Object> span : trace) {
        seen.append(span.get("traceId")).append(' ').append(span.get("id")).append(" parent=").append(span.get("parentId"))
            .append(' ').append(span.get("kind")).append(' ').append(span.get("name"))
            .append(ZipkinServer.failureAnnotation(span) == null ? "" : " [event]").append('\n');
      }
    }
    return seen;
  }

  /** The service's traces once a span with the event (for gRPC: the call's span with it) has arrived. */
  private static List<List<Map<String, Object>>> awaitAnnotatedTrace(String service, boolean grpc) throws Exception {
    List<List<Map<String, Object>>> traces = List.of();
    for (int i = 0; i < 40; i++) {
      traces = zipkin.traces(service);
      if (traces.stream().flatMap(List::stream).anyMatch(
          s -> ZipkinServer.failureAnnotation(s) != null && (!grpc || GRPC_CALL_SPAN.equals(s.get("name"))))) {
        break;
      }
      Thread.sleep(250);
    }
    return traces;
  }

  /**
   * The connector's target argument: Reactor Netty's names its SslProvider (OPENSSL: netty-tcnative); gRPC's option
   * JDK forces it onto the JDK's provider.
   */
  private static String target(String engine) {
    return (engine.equals("reactor-netty") ? "OPENSSL:" : "") + APP_HOST + ":" + port + (engine.equals("grpc-jdk") ? ":JDK" : "");
  }

  /** The engine's own class path (as its IT forks it) and the application's OpenTelemetry API. */
  private static String classPath(String engine) {
    String engineClassPath;
    switch (engine) {
      case "grpc":
      case "grpc-jdk":
        engineClassPath = GrpcClientIT.grpcClassPath();
        break;
      case "netty-tcnative":
        engineClassPath = NettyTcnativeClientIT.nettyClassPath();
        break;
      case "reactor-netty":
        engineClassPath = ReactorNettyIT.applicationClassPath();
        break;
      default:
        engineClassPath = EngineClassPath.jarsIn("bc.jsse.dir", "target/bc-jsse", 3);
    }
    String api =
        EngineClassPath.fromTestClassPath(
            e -> e.contains("/io/opentelemetry/opentelemetry-api/")
                || e.contains("/io/opentelemetry/opentelemetry-context/")
                || e.contains("/io/opentelemetry/opentelemetry-common/"));
    return engineClassPath + File.pathSeparator + api;
  }
}
