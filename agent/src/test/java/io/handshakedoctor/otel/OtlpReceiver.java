package io.handshakedoctor.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal OTLP/HTTP (protobuf) receiver on 127.0.0.1 that keeps what it is sent. */
final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<Resource> spanResources = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();
  private final List<LogRecord> logs = new ArrayList<>();
  private final List<Metric> metrics = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::traces);
    server.createContext("/v1/logs", this::logs);
    server.createContext("/v1/metrics", this::metrics);
    server.start();
  }

  String endpoint(String scheme) {
    return scheme + "://127.0.0.1:" + port();
  }

  int port() {
    return server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  synchronized List<Span> spans() {
    return new ArrayList<>(spans);
  }

  synchronized List<Resource> spanResources() {
    return new ArrayList<>(spanResources);
  }

  synchronized List<LogRecord> logs() {
    return new ArrayList<>(logs);
  }

  synchronized List<Metric> metrics() {
    return new ArrayList<>(metrics);
  }

  synchronized void clear() {
    metrics.clear();
    spans.clear();
    spanResources.clear();
    logs.clear();
    requests.set(0);
  }

  private void traces(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
      synchronized (this) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
          spanResources.add(rs.getResource());
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            spans.addAll(ss.getSpansList());
          }
        }
      }
    }
    ok(exchange);
  }

  private void logs(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(in);
      synchronized (this) {
        for (ResourceLogs rl : request.getResourceLogsList()) {
          for (ScopeLogs sl : rl.getScopeLogsList()) {
            logs.addAll(sl.getLogRecordsList());
          }
        }
      }
    }
    ok(exchange);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(in);
      synchronized (this) {
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
          for (ScopeMetrics sm : rm.getScopeMetricsList()) {
            metrics.addAll(sm.getMetricsList());
          }
        }
      }
    }
    ok(exchange);
  }

  private static void ok(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
