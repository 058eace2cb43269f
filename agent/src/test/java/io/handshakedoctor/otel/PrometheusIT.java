package io.handshakedoctor.otel;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The counter in a real metrics backend: the OpenTelemetry Java agent's Prometheus exporter
 * ({@code otel.metrics.exporter=prometheus}) in a JVM that fails handshakes, scraped every second
 * by Debian's Prometheus server, both on loopback; the test asks Prometheus through its HTTP API,
 * in PromQL, for the failures by cause and side, by peer, and their increase, runs every query
 * docs/opentelemetry.md gives, and checks no series carries the connecting client's address.
 */
class PrometheusIT {
  private static final String METRIC = "handshake_doctor_handshake_failures_total";
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void failuresReachPrometheusByCauseSideAndPeer() throws Exception {
    Path prometheus = PrometheusServer.binary();
    assumeTrue(
        prometheus != null,
        "PrometheusIT skipped: " + PrometheusServer.whereLooked() + "; install Debian's package '"
            + PrometheusServer.PACKAGE + "' (apt-get install -y " + PrometheusServer.PACKAGE
            + ") or give -Dprometheus.binary=/path/to/prometheus");

    Jvm jvm = Jvm.all().get(0);
    int exporterPort = PrometheusServer.freePort();
    Path dir = Files.createTempDirectory("hd-prometheus-it");
    Path events = dir.resolve("events.jsonl");
    Path stderr = dir.resolve("workload.stderr");
    List<String> command =
        List.of(
            jvm.java(),
            "-javaagent:" + Jvm.OTEL_AGENT_JAR,
            "-javaagent:" + BuiltJars.AGENT + "=log=stderr,dedup.interval=0,events.file=" + events,
            "-Dotel.service.name=hd-prometheus-it",
            "-Dotel.metrics.exporter=prometheus",
            "-Dotel.exporter.prometheus.host=127.0.0.1",
            "-Dotel.exporter.prometheus.port=" + exporterPort,
            "-Dotel.traces.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.javaagent.logging=none",
            "-cp",
            BuiltJars.SAMPLES + java.io.File.pathSeparator + Paths.get("target/test-classes").toAbsolutePath(),
            ScrapedWorkload.class.getName());
    Process workload = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(workload.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (java.io.IOException ignored) {
                // the process ended
              }
            },
            "workload-stdout");
    reader.setDaemon(true);
    reader.start();
    Writer stdin = new OutputStreamWriter(workload.getOutputStream(), StandardCharsets.UTF_8);
    try (PrometheusServer server = PrometheusServer.start(prometheus, exporterPort)) {
      String context = "";
      try {
        awaitLine(lines, "ready", workload, stderr);
        await(() -> value(server, "up{job=\"" + PrometheusServer.JOB + "\"}") == 1.0,
            "Prometheus never scraped the OpenTelemetry agent's exporter on port " + exporterPort, server, stderr);

        // Two rounds, so that the counter's series exists before it grows and the increase is visible.
        run(stdin, lines, workload, stderr, "certificate_expired --client socket");
        String expired = METRIC + "{handshake_doctor_side=\"client\",handshake_doctor_cause=\"certificate_expired\"}";
        await(() -> value(server, expired) == 1.0, "the first failure never reached Prometheus", server, stderr);
        run(stdin, lines, workload, stderr, "certificate_expired,no_common_protocol_version --client socket");

        Map<String, Long> written = countsByCauseAndSide(events);
        context = "\nevents file: " + written + "\n--- workload stderr\n" + Files.readString(stderr);
        assertEquals(2L, written.get("certificate_expired/client"), "the events file" + context);
        assertEquals(1L, written.get("no_common_protocol_version/client"), "the events file" + context);
        String byCauseAndSide = "sum by (handshake_doctor_cause, handshake_doctor_side) (" + METRIC + ")";
        await(() -> countsByCauseAndSide(server.query(byCauseAndSide)).equals(countsByCauseAndSide(events)),
            "Prometheus' counts by cause and side never matched the events file's " + written, server, stderr);

        // By peer: a client's series name the server it could not reach.
        List<PrometheusServer.Sample> byPeer =
            server.query("sum by (server_address) (" + METRIC + "{handshake_doctor_side=\"client\"})");
        assertEquals(1, byPeer.size(), byPeer::toString);
        assertEquals("localhost", byPeer.get(0).labels.get("server_address"), byPeer::toString);
        assertEquals(3.0, byPeer.get(0).value, byPeer::toString);

        // Over time: the second round shows as an increase within the last minute.
        double increase =
            value(server, "sum(increase(" + METRIC + "{handshake_doctor_side=\"client\",handshake_doctor_cause=\"certificate_expired\"}[1m]))");
        assertTrue(increase > 0, "increase over 1m: " + increase);

        // Cardinality: no series is labelled with the connecting client; a server's not with a peer.
        List<Map<String, String>> series = server.series(METRIC);
        System.out.println("PrometheusIT: events file " + written + "; series " + series);
        assertTrue(series.stream().anyMatch(s -> "server".equals(s.get("handshake_doctor_side"))), series::toString);
        for (Map<String, String> labels : series) {
          assertFalse(labels.containsKey("client_address"), labels::toString);
          assertFalse(labels.containsKey("client_port"), labels::toString);
          assertFalse(labels.containsKey("server_port"), labels::toString);
          if ("server".equals(labels.get("handshake_doctor_side"))) {
            assertFalse(labels.containsKey("server_address"), labels::toString);
          }
          assertTrue(labels.containsKey("handshake_doctor_category"), labels::toString);
        }

        // Every query the documentation offers runs and answers.
        List<String> documented = documentedQueries();
        assertTrue(documented.size() >= 3, "docs/opentelemetry.md's promql block: " + documented);
        for (String promql : documented) {
          List<PrometheusServer.Sample> answer = server.query(promql);
          assertFalse(answer.isEmpty(), "docs/opentelemetry.md's query answered nothing: " + promql);
        }
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + context + "\n--- prometheus\n" + tail(server.log()), e);
      }
    } finally {
      stdin.close();
      if (!workload.waitFor(30, TimeUnit.SECONDS)) {
        workload.destroyForcibly();
      }
    }
  }

  /** The PromQL lines (comments left out) of the first {@code ```promql} block of docs/opentelemetry.md. */
  static List<String> documentedQueries() throws Exception {
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    for (String line : Files.readAllLines(Paths.get("../docs/opentelemetry.md"))) {
      if (!inBlock && line.trim().equals("```promql")) {
        inBlock = true;
      } else if (inBlock && line.trim().equals("```")) {
        break;
      } else if (inBlock && !line.isBlank() && !line.trim().startsWith("#")) {
        out.add(line.trim());
      }
    }
    return out;
  }

  private static void run(Writer stdin, BlockingQueue<String> lines, Process workload, Path stderr, String args)
      throws Exception {
    stdin.write(args + "\n");
    stdin.flush();
    awaitLine(lines, "done 0", workload, stderr);
  }

  private static void awaitLine(BlockingQueue<String> lines, String expected, Process workload, Path stderr)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(500, TimeUnit.MILLISECONDS);
      if (line == null) {
        if (!workload.isAlive() && lines.isEmpty()) {
          break;
        }
        continue;
      }
      seen.add(line);
      if (line.equals(expected)) {
        return;
      }
      if (line.startsWith("done ")) {
        break;
      }
    }
    throw new AssertionError(
        "the workload never printed '" + expected + "'; stdout " + seen + "\n--- stderr\n" + Files.readString(stderr));
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, String failure, PrometheusServer server, Path stderr) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(failure + " within " + WAIT.toSeconds() + " s" + (last == null ? "" : " (" + last + ")")
        + "\n--- workload stderr\n" + Files.readString(stderr));
  }

  /** The single value of an instant query, or NaN when it has no series. */
  private static double value(PrometheusServer server, String promql) throws Exception {
    List<PrometheusServer.Sample> answer = server.query(promql);
    return answer.isEmpty() ? Double.NaN : answer.get(0).value;
  }

  private static Map<String, Long> countsByCauseAndSide(List<PrometheusServer.Sample> samples) {
    Map<String, Long> out = new TreeMap<>();
    for (PrometheusServer.Sample s : samples) {
      out.put(s.labels.get("handshake_doctor_cause") + "/" + s.labels.get("handshake_doctor_side"), Math.round(s.value));
    }
    return out;
  }

  private static Map<String, Long> countsByCauseAndSide(Path events) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    Gson gson = new Gson();
    for (String line : Files.readAllLines(events)) {
      Map<String, Object> event = gson.fromJson(line, new TypeToken<Map<String, Object>>() {}.getType());
      out.merge(event.get("handshake_doctor.cause") + "/" + event.get("handshake_doctor.side"), 1L, Long::sum);
    }
    return out;
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }
}
