package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static io.handshakedoctor.external.ExternalPki.OTHER_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM as a TLS client of nginx (Debian's package, started here on loopback with a generated
 * configuration, one server block per scenario on its own port), over every JDK client path, on
 * JDK 17 and 25. One Connect JVM per JDK and path tries every scenario; each scenario's event is
 * the client event whose {@code server.port} is that scenario's port.
 */
class NginxClientIT {
  static final List<String> PATHS = Arrays.asList("socket", "engine", "https-url-connection", "http-client");
  /** Each path's name in docs/compatibility.md. */
  static final Map<String, String> LIBRARIES = Map.of("socket", "SSLSocket", "engine", "SSLEngine",
      "https-url-connection", "HttpsURLConnection", "http-client", "java.net.http.HttpClient");

  /** One nginx server block (or two, for virtual hosts) and what the client must see. */
  static final class Case {
    final String name;
    final String host;
    final List<String> urlOptions;
    final String cause; // null: the request must succeed
    final Check check;
    final List<String> unsupportedPaths;
    final String unsupportedWhy;
    int port;

    Case(String name, String host, List<String> urlOptions, String cause, Check check, List<String> unsupportedPaths, String why) {
      this.name = name;
      this.host = host;
      this.urlOptions = urlOptions;
      this.cause = cause;
      this.check = check;
      this.unsupportedPaths = unsupportedPaths;
      this.unsupportedWhy = why;
    }

    Case(String name, String host, List<String> urlOptions, String cause, Check check) {
      this(name, host, urlOptions, cause, check, Collections.<String>emptyList(), null);
    }

    String url() {
      return "https://" + host + ":" + port + "/";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Case> CASES = Arrays.asList(
      new Case("valid", APP_HOST, Collections.<String>emptyList(), null, Check.NONE),
      new Case("expired_certificate", APP_HOST, Collections.<String>emptyList(), "certificate_expired",
          Check.equal("tls.server.not_after", ExternalPki.EXPIRED_NOT_AFTER.toString())
              .and(Check.equal("tls.server.not_before", ExternalPki.EXPIRED_NOT_BEFORE.toString()))
              .and(Check.equal("tls.server.subject", "CN=" + APP_HOST))
              .and(Check.equal("handshake_doctor.responsible", "server"))),
      new Case("incomplete_chain", APP_HOST, Collections.<String>emptyList(), "incomplete_chain",
          Check.size("handshake_doctor.peer_certificate_chain", 1)
              .and(Check.contains("handshake_doctor.summary", "CN=Handshake Doctor External Intermediate CA"))
              .and(Check.equal("handshake_doctor.responsible", "server"))),
      // nginx serves leaf + intermediate, as it should; this client trusts only an unrelated CA.
      new Case("unknown_root", APP_HOST, Arrays.asList("--truststore", "client-ca.pem"), "untrusted_unknown_ca",
          Check.size("handshake_doctor.peer_certificate_chain", 2)
              .and(Check.contains("handshake_doctor.summary", "CN=Handshake Doctor External Root CA"))
              .and(Check.equal("handshake_doctor.responsible", "client"))),
      new Case("tls1_only", APP_HOST, Collections.<String>emptyList(), "no_common_protocol_version",
          Check.list("handshake_doctor.protocols.offered", "TLSv1", false)
              .and(Check.list("handshake_doctor.protocols.offered", "TLSv1.2", true))
              .and(Check.equal("handshake_doctor.alert.description", "protocol_version"))
              .and(Check.equal("handshake_doctor.alert.direction", "received"))
              .and(Check.equal("handshake_doctor.responsible", "server"))),
      new Case("suites_jdk_lacks", APP_HOST, Collections.<String>emptyList(), "no_common_cipher_suite",
          Check.equal("handshake_doctor.alert.description", "handshake_failure")
              .and(Check.equal("handshake_doctor.alert.direction", "received"))
              .and(Check.list("tls.client.supported_ciphers", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", true))),
      new Case("sni_default_certificate", APP_HOST, Collections.<String>emptyList(), "hostname_mismatch",
          Check.equal("handshake_doctor.sni", APP_HOST)
              .and(Check.equal("tls.server.subject", "CN=" + OTHER_HOST))
              .and(Check.equal("handshake_doctor.confidence", "high"))),
      new Case("sni_virtual_host", APP_HOST, Collections.<String>emptyList(), null, Check.NONE),
      new Case("sni_missing", APP_HOST, Arrays.asList("--sni", "none"), "sni_missing",
          Check.equal("handshake_doctor.sni", "none").and(Check.equal("tls.server.subject", "CN=" + OTHER_HOST)),
          Arrays.asList("https-url-connection", "http-client"),
          "HttpsURLConnection and HttpClient always send SNI for a dotted host name; an empty server name list is overridden"));

  private static Path dir;
  private static Process nginx;
  private static ExternalPki pki;
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startNginx() throws Exception {
    Processes.requireTools(true);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-external-nginx");
    for (Case c : CASES) {
      c.port = Processes.freePort();
    }
    Path conf = dir.resolve("nginx.conf");
    Files.write(conf, config().getBytes(StandardCharsets.US_ASCII));
    Path errorLog = dir.resolve("error.log");
    nginx = Processes.start(Arrays.asList(Processes.nginx(), "-e", errorLog.toString(), "-p", dir.toString(), "-c", conf.toString(),
        "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + errorLog + ";"), dir, "nginx");
    try {
      for (Case c : CASES) {
        Processes.awaitPort(c.port, nginx, Duration.ofSeconds(15), "nginx (" + Processes.read(errorLog) + Processes.read(dir.resolve("nginx.err")) + ")");
      }
    } catch (AssertionError | RuntimeException e) {
      Processes.stop(nginx);
      throw e;
    }
  }

  @AfterAll
  static void stopNginx() {
    Processes.stop(nginx);
  }

  private static String config() {
    StringBuilder c = new StringBuilder()
        .append("worker_processes 1;\n")
        .append("events { worker_connections 256; }\n")
        .append("http {\n")
        .append("  access_log ").append(dir.resolve("access.log")).append(";\n");
    for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      c.append("  ").append(temp).append("_temp_path ").append(dir.resolve("temp-" + temp)).append(";\n");
    }
    for (Case k : CASES) {
      switch (k.name) {
        case "valid":
        case "unknown_root":
          c.append(server(k.port, true, APP_HOST, "app.fullchain.pem", "app.key", ""));
          break;
        case "expired_certificate":
          c.append(server(k.port, true, APP_HOST, "expired.fullchain.pem", "expired.key", ""));
          break;
        case "incomplete_chain":
          c.append(server(k.port, true, APP_HOST, "app.pem", "app.key", ""));
          break;
        case "tls1_only":
          // OpenSSL 3 allows TLS 1.0 only at security level 0.
          c.append(server(k.port, true, APP_HOST, "app.fullchain.pem", "app.key", "ssl_protocols TLSv1; ssl_ciphers DEFAULT:@SECLEVEL=0;"));
          break;
        case "suites_jdk_lacks":
          c.append(server(k.port, true, APP_HOST, "app.fullchain.pem", "app.key", "ssl_protocols TLSv1.2; ssl_ciphers CAMELLIA:ARIA;"));
          break;
        case "sni_default_certificate":
          c.append(server(k.port, true, OTHER_HOST, "other.fullchain.pem", "other.key", ""));
          break;
        case "sni_virtual_host":
        case "sni_missing":
          c.append(server(k.port, true, OTHER_HOST, "other.fullchain.pem", "other.key", ""));
          c.append(server(k.port, false, APP_HOST, "app.fullchain.pem", "app.key", ""));
          break;
        default:
          throw new IllegalStateException(k.name);
      }
    }
    return c.append("}\n").toString();
  }

  private static String server(int port, boolean defaultServer, String name, String cert, String key, String extra) {
    return "  server {\n"
        + "    listen 127.0.0.1:" + port + " ssl" + (defaultServer ? " default_server" : "") + ";\n"
        + "    server_name " + name + ";\n"
        + "    ssl_certificate " + pki.file(cert) + ";\n"
        + "    ssl_certificate_key " + pki.file(key) + ";\n"
        + (extra.isEmpty() ? "" : "    " + extra + "\n")
        + "    location / { default_type text/plain; return 200 \"" + name + "\\n\"; }\n"
        + "  }\n";
  }

  /** One Connect JVM's output for every scenario of this class. */
  static final class Run {
    final ForkedJvm jvm;
    final Map<String, String> lines = new LinkedHashMap<>();
    final List<Map<String, Object>> events;

    Run(ForkedJvm jvm, List<Case> cases, String stdout) throws Exception {
      this.jvm = jvm;
      List<String> out = Arrays.stream(stdout.split("\n")).filter(l -> !l.trim().isEmpty()).collect(Collectors.toList());
      for (int i = 0; i < cases.size(); i++) {
        lines.put(cases.get(i).name, i < out.size() ? out.get(i) : "(no line)");
      }
      this.events = jvm.events();
    }

    List<Map<String, Object>> clientEvents(int port) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> e : events) {
        Object p = e.get("server.port");
        // Failures only: a TLS 1.3 client whose certificate the server rejects after the handshake
        // also completed one, and may carry an early warning about that certificate.
        if ("handshake_doctor.handshake.failure".equals(e.get("event.name"))
            && "client".equals(e.get("handshake_doctor.side")) && p instanceof Number && ((Number) p).intValue() == port) {
          out.add(e);
        }
      }
      return out;
    }
  }

  private static Run run(TestJdk jdk, String path) {
    return RUNS.computeIfAbsent(jdk + "/" + path, key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "connect-" + jdk + "-" + path);
        List<Case> cases = new ArrayList<>();
        List<String> args = new ArrayList<>(Arrays.asList("--client", path, "--truststore", pki.file("root.pem").toString(), "--timeout-ms", "5000"));
        for (Case c : CASES) {
          if (c.unsupportedPaths.contains(path)) {
            continue;
          }
          cases.add(c);
          args.add("--url");
          args.add(c.url());
          for (int i = 0; i < c.urlOptions.size(); i++) {
            String o = c.urlOptions.get(i);
            args.add(i % 2 == 1 && o.endsWith(".pem") ? pki.file(o).toString() : o);
          }
        }
        return new Run(jvm, cases, jvm.connect(jdk, args, Duration.ofSeconds(120)));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String path : PATHS) {
        for (Case c : CASES) {
          out.add(Arguments.of(jdk, path, c));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} nginx {2}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, String path, Case c) {
    assumeFalse(c.unsupportedPaths.contains(path), () -> c.name + " not expressible on " + path + ": " + c.unsupportedWhy);
    Run run = run(jdk, path);
    String line = run.lines.get(c.name);
    String context = c.name + " on " + jdk + " " + path + " (nginx port " + c.port + ")\nline: " + line + "\n"
        + run.jvm.describe() + "\n--- nginx error.log (tail)\n" + ForkedJvm.tail(Processes.read(dir.resolve("error.log")), 2000);
    List<Map<String, Object>> events = run.clientEvents(c.port);
    Map<String, Object> first = events.isEmpty() ? null : events.get(0);
    CompatibilityLog.record("SunJSSE", LIBRARIES.get(path), String.valueOf(jdk.feature()), "nginx " + c.name, c.cause == null ? "none" : c.cause,
        first == null ? "none" : String.valueOf(first.get("handshake_doctor.cause")), EventCaptures.of(first));
    if (c.cause == null) {
      assertTrue(line.endsWith(": ok HTTP 200"), context);
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertTrue(line.startsWith(path + " " + c.url() + ": failed "), context);
    // A client library may retry a failed handshake once (HttpsURLConnection does; HttpClient was
    // seen doing so on JDK 25 against nginx): two real handshakes, each with its own event.
    assertTrue(events.size() == 1 || events.size() == 2, "one client event (two with a retry) for port " + c.port + "\n" + context);
    for (Map<String, Object> event : events) {
      String eventContext = "event: " + event + "\n" + context;
      assertEquals(c.cause, event.get("handshake_doctor.cause"), eventContext);
      assertTrue(line.contains("| handshake-doctor: " + c.cause), "the application's exception carries the diagnosis\n" + eventContext);
      assertEquals(APP_HOST, event.get("server.address"), eventContext);
      assertTrue(event.containsKey("handshake_doctor.fix"), eventContext);
      c.check.verify(event, eventContext);
    }
  }
}
