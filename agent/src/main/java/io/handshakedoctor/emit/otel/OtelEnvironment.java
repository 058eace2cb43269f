package io.handshakedoctor.emit.otel;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the JVM says about OpenTelemetry, read without touching any OpenTelemetry class: whether the
 * OpenTelemetry Java agent is attached (its bootstrap classes are in the boot loader), and the
 * standard {@code otel.*} settings (system property first, then {@code OTEL_*} environment
 * variable, as OpenTelemetry reads them).
 */
final class OtelEnvironment {
  private static final String AGENT_BOOTSTRAP_CLASS =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private OtelEnvironment() {}

  /** True when the OpenTelemetry Java agent runs in this JVM (either {@code -javaagent} order). */
  static boolean javaAgentPresent() {
    try {
      Class.forName(AGENT_BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static String setting(String key) {
    String v = System.getProperty(key);
    if (v == null || v.isBlank()) {
      v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The user asked for an OpenTelemetry export (without the agent, that means our own SDK). */
  static boolean exportConfigured() {
    if ("true".equalsIgnoreCase(setting("otel.sdk.disabled"))) {
      return false;
    }
    for (String key :
        new String[] {
          "otel.exporter.otlp.endpoint",
          "otel.exporter.otlp.traces.endpoint",
          "otel.exporter.otlp.logs.endpoint",
          "otel.traces.exporter",
          "otel.logs.exporter"
        }) {
      if (setting(key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where OpenTelemetry exports go (the agent's or ours): a handshake that fails on the way there
   * is diagnosed in the log line but never exported, or every failed export would make another.
   */
  static List<URI> exportEndpoints() {
    List<URI> out = new ArrayList<>();
    String base = setting("otel.exporter.otlp.endpoint");
    add(out, base == null ? "http://localhost:4318" : base);
    add(out, base == null ? "http://localhost:4317" : null);
    add(out, setting("otel.exporter.otlp.traces.endpoint"));
    add(out, setting("otel.exporter.otlp.logs.endpoint"));
    add(out, setting("otel.exporter.otlp.metrics.endpoint"));
    add(out, setting("otel.exporter.zipkin.endpoint"));
    return Collections.unmodifiableList(out);
  }

  private static void add(List<URI> out, String endpoint) {
    if (endpoint == null) {
      return;
    }
    try {
      URI uri = URI.create(endpoint);
      if (uri.getHost() != null) {
        out.add(uri);
      }
    } catch (IllegalArgumentException ignored) {
      // OpenTelemetry itself reports a malformed endpoint.
    }
  }

  static boolean sameEndpoint(List<URI> endpoints, String host, int port) {
    if (host == null || port <= 0) {
      return false;
    }
    for (URI uri : endpoints) {
      int p = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
      if (p == port && (uri.getHost().equalsIgnoreCase(host) || (loopback(uri.getHost()) && loopback(host)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }
}
