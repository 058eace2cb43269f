package io.handshakedoctor.otel;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real Zipkin 3.5.1 (in-memory storage) on 127.0.0.1, started once per test class. */
public final class ZipkinServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private ZipkinServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static ZipkinServer start() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("zipkin", ".log");
    Process p =
        new ProcessBuilder(
                Jvm.all().get(0).java(),
                "-Xmx256m",
                "-jar",
                Jvm.ZIPKIN_JAR.toString(),
                "--server.port=" + port,
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols[0]=http")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ZipkinServer z = new ZipkinServer(p, port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("Zipkin exited:\n" + Files.readString(log));
      }
      try {
        if (z.get("/health").contains("UP")) {
          return z;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    z.close();
    throw new IllegalStateException("Zipkin did not start:\n" + Files.readString(log));
  }

  /** Where an OpenTelemetry Zipkin exporter sends spans. */
  public String spansEndpoint() {
    return "http://127.0.0.1:" + port + "/api/v2/spans";
  }

  /** Every trace of {@code service}: each a list of Zipkin v2 spans (JSON objects). */
  public List<List<Map<String, Object>>> traces(String service) throws Exception {
    String json = get("/api/v2/traces?serviceName=" + service + "&limit=100&lookback=3600000");
    return new Gson().fromJson(json, new TypeToken<List<List<Map<String, Object>>>>() {}.getType());
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
