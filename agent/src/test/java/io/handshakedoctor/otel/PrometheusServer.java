package io.handshakedoctor.otel;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus server ({@code apt-get install prometheus}) on 127.0.0.1, scraping one
 * loopback target every second, its data in a temporary directory; queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
  static final String PACKAGE = "prometheus";
  static final String JOB = "handshake-doctor-it";

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The binary: {@code -Dprometheus.binary}, else {@code prometheus} on the PATH; null when absent. */
  static Path binary() {
    String configured = System.getProperty("prometheus.binary");
    if (configured != null && !configured.isEmpty()) {
      Path p = Paths.get(configured);
      return Files.isExecutable(p) ? p : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Paths.get(dir, "prometheus");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Where {@link #binary()} looked, for the message of a skipped test. */
  static String whereLooked() {
    String configured = System.getProperty("prometheus.binary");
    return configured != null && !configured.isEmpty()
        ? "no executable prometheus at -Dprometheus.binary=" + configured
        : "no prometheus binary on the PATH";
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Starts Prometheus scraping {@code http://127.0.0.1:<targetPort>/metrics}; returns once it is ready. */
  static PrometheusServer start(Path binary, int targetPort) throws Exception {
    Path dir = Files.createTempDirectory("hd-prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n"
            + "  scrape_interval: 1s\n"
            + "  evaluation_interval: 1s\n"
            + "scrape_configs:\n"
            + "  - job_name: " + JOB + "\n"
            + "    scrape_interval: 1s\n"
            + "    scrape_timeout: 1s\n"
            + "    static_configs:\n"
            + "      - targets: ['127.0.0.1:" + targetPort + "']\n");
    int port = freePort();
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(p, port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("Prometheus exited:\n" + Files.readString(log));
      }
      try {
        if (server.get("/-/ready").statusCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("Prometheus did not become ready:\n" + Files.readString(log));
  }

  /**
   * An instant PromQL query: each result's labels and value. Fails on anything but
   * {@code "status":"success"}, so a query Prometheus rejects fails the test.
   */
  List<Sample> query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    Map<String, Object> body = new Gson().fromJson(r.body(), new TypeToken<Map<String, Object>>() {}.getType());
    if (r.statusCode() != 200 || !"success".equals(body.get("status"))) {
      throw new AssertionError("Prometheus rejected " + promql + ": HTTP " + r.statusCode() + " " + r.body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) body.get("data");
    if (!"vector".equals(data.get("resultType"))) {
      throw new AssertionError(promql + " is not an instant vector: " + r.body());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) data.get("result");
    List<Sample> out = new java.util.ArrayList<>();
    for (Map<String, Object> result : results) {
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) result.get("metric");
      @SuppressWarnings("unchecked")
      List<Object> value = (List<Object>) result.get("value");
      out.add(new Sample(labels, Double.parseDouble((String) value.get(1))));
    }
    return out;
  }

  /** Every series' label set matching the selector (the API's /api/v1/series). */
  List<Map<String, String>> series(String selector) throws IOException, InterruptedException {
    HttpResponse<String> r =
        get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    Map<String, Object> body = new Gson().fromJson(r.body(), new TypeToken<Map<String, Object>>() {}.getType());
    if (!"success".equals(body.get("status"))) {
      throw new AssertionError("series " + selector + ": " + r.body());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, String>> data = (List<Map<String, String>>) body.get("data");
    return data;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** One series of a query's answer. */
  static final class Sample {
    final Map<String, String> labels;
    final double value;

    Sample(Map<String, String> labels, double value) {
      this.labels = labels;
      this.value = value;
    }

    @Override
    public String toString() {
      return labels + "=" + value;
    }
  }
}
