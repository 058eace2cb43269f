package io.handshakedoctor.samples.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.handshakedoctor.samples.TestPki;
import io.handshakedoctor.samples.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP service whose one endpoint calls a downstream HTTPS "payments" service, the way a
 * real service does: {@code GET /checkout?client=url} through {@code HttpsURLConnection} (the
 * handshake runs on the request's thread), {@code GET /checkout?client=http-client} through
 * {@code java.net.http.HttpClient} (the handshake runs on the client's own threads). The payments
 * service presents a certificate that expired yesterday, so every checkout fails in the handshake.
 * Under an OpenTelemetry Java agent both calls are traced, which is what handshake-doctor attaches
 * its diagnosis to.
 *
 * <pre>
 * java -cp sample-apps.jar io.handshakedoctor.samples.service.CheckoutService serve [port]
 * java -cp sample-apps.jar io.handshakedoctor.samples.service.CheckoutService selftest
 * </pre>
 *
 * {@code selftest} serves on an ephemeral port, calls its own endpoint once per client, prints one
 * line per call ({@code checkout client=... status=...}) and exits.
 */
public final class CheckoutService {
  private final HttpServer front;
  private final HttpsServer payments;
  private final SSLContext clientContext;
  private final HttpClient httpClient;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);

  private CheckoutService(int port) throws Exception {
    TestPki pki = TestPki.shared();
    Instant now = Instant.now();
    TestPki.Credential expired =
        pki.leaf("payments.internal")
            .validBetween(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)))
            .build();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    payments = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
    payments.setHttpsConfigurator(new HttpsConfigurator(Tls.serverContext(expired)));
    payments.createContext("/pay", exchange -> respond(exchange, 200, "paid\n"));
    payments.setExecutor(workers);
    clientContext = Tls.clientTrusting(pki.rootCa().certificate());
    httpClient =
        HttpClient.newBuilder().sslContext(clientContext).connectTimeout(Duration.ofSeconds(5)).build();
    front = HttpServer.create(new InetSocketAddress(loopback, port), 0);
    front.createContext("/checkout", this::checkout);
    front.setExecutor(workers);
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "serve";
    if (mode.equals("serve")) {
      CheckoutService service = new CheckoutService(args.length > 1 ? Integer.parseInt(args[1]) : 8080);
      service.start();
      System.out.println("checkout service on http://127.0.0.1:" + service.port() + "/checkout?client=url|http-client");
      return;
    }
    if (!mode.equals("selftest")) {
      System.err.println("usage: CheckoutService serve [port] | selftest");
      System.exit(2);
    }
    CheckoutService service = new CheckoutService(0);
    service.start();
    int failures = 0;
    try {
      for (String client : new String[] {"url", "http-client"}) {
        HttpClient caller = HttpClient.newHttpClient();
        HttpResponse<String> response =
            caller.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/checkout?client=" + client))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("checkout client=" + client + " status=" + response.statusCode() + " " + response.body().trim());
        if (response.statusCode() != 502) {
          failures++;
        }
      }
    } finally {
      service.stop();
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private void start() {
    payments.start();
    front.start();
  }

  private void stop() {
    front.stop(0);
    payments.stop(0);
    workers.shutdownNow();
  }

  private int port() {
    return front.getAddress().getPort();
  }

  private void checkout(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String client = query != null && query.contains("client=http-client") ? "http-client" : "url";
    URI pay = URI.create("https://localhost:" + payments.getAddress().getPort() + "/pay");
    try {
      String result = client.equals("url") ? payWithUrlConnection(pay) : payWithHttpClient(pay);
      respond(exchange, 200, result);
    } catch (Exception e) {
      // The exception carries handshake-doctor's diagnosis as a suppressed exception.
      StringBuilder body = new StringBuilder("payments unavailable: ").append(e);
      for (Throwable s : e.getSuppressed()) {
        body.append(" | ").append(s.getMessage());
      }
      respond(exchange, 502, body.append('\n').toString());
    }
  }

  private String payWithUrlConnection(URI pay) throws IOException {
    URL url = pay.toURL();
    HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
    connection.setSSLSocketFactory(clientContext.getSocketFactory());
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(5000);
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String payWithHttpClient(URI pay) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(pay).timeout(Duration.ofSeconds(10)).build();
    return httpClient.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
