package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.external.NginxClientIT.Case;
import io.handshakedoctor.external.NginxClientIT.Run;
import io.handshakedoctor.samples.BoundedHttpExchange;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM as a TLS client of {@code openssl s_server} requiring a client certificate ({@code -Verify 1
 * -verify_return_error}; nginx would complete such handshakes and answer HTTP 400), TLS 1.3 and 1.2,
 * over every JDK client path on JDK 17 and 25. One s_server per scenario, each on its own port.
 */
class OpenSslServerClientIT {
  /** s_server sends the client CA's name in its CertificateRequest. */
  private static final String NAMES_SENT = "names";
  /** s_server verifies against the client CA but sends no CA names: the JDK key manager then offers any certificate. */
  private static final String NO_NAMES = "no-names";

  private static final List<String> TLS12 = Arrays.asList("--protocols", "TLSv1.2");

  static final List<Case> CASES = Arrays.asList(
      new Case("client_certificate_accepted", APP_HOST, Arrays.asList("--keystore", "client.p12"), null, Check.NONE),
      new Case("no_client_certificate_tls13", APP_HOST, Collections.<String>emptyList(), "client_certificate_missing",
          Check.equal("handshake_doctor.alert.description", "certificate_required").and(Check.equal("handshake_doctor.responsible", "client"))
              .and(Check.contains("handshake_doctor.summary", "Handshake Doctor External Client CA"))),
      new Case("no_client_certificate_tls12", APP_HOST, TLS12, "client_certificate_missing",
          Check.equal("handshake_doctor.alert.description", "handshake_failure").and(Check.equal("handshake_doctor.responsible", "client"))),
      // The key manager finds no certificate from the issuer the server names: nothing is sent.
      new Case("client_certificate_from_unlisted_ca", APP_HOST, Arrays.asList("--keystore", "rogue.bundle.pem"), "client_certificate_missing",
          Check.equal("handshake_doctor.responsible", "client")),
      new Case("untrusted_client_certificate_tls13", APP_HOST, Arrays.asList("--keystore", "rogue.bundle.pem"), "client_certificate_rejected",
          Check.equal("handshake_doctor.alert.description", "unknown_ca").and(Check.contains("handshake_doctor.summary", "Rogue Client CA"))),
      new Case("untrusted_client_certificate_tls12", APP_HOST, Arrays.asList("--keystore", "rogue.bundle.pem", "--protocols", "TLSv1.2"),
          "client_certificate_rejected",
          Check.equal("handshake_doctor.alert.description", "unknown_ca").and(Check.contains("handshake_doctor.summary", "Rogue Client CA"))),
      new Case("expired_client_certificate_tls13", APP_HOST, Arrays.asList("--keystore", "client-expired.bundle.pem"), "client_certificate_rejected",
          Check.equal("handshake_doctor.alert.description", "certificate_expired").and(Check.contains("handshake_doctor.summary", "2024-02-01T00:00:00Z"))),
      new Case("expired_client_certificate_tls12", APP_HOST, Arrays.asList("--keystore", "client-expired.bundle.pem", "--protocols", "TLSv1.2"),
          "client_certificate_rejected", Check.equal("handshake_doctor.alert.description", "certificate_expired")));

  private static String flavour(Case c) {
    return c.name.startsWith("untrusted_client_certificate") ? NO_NAMES : NAMES_SENT;
  }

  private static Path dir;
  private static ExternalPki pki;
  private static final List<Process> SERVERS = new ArrayList<>();
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-external-s_server");
    try {
      for (Case c : CASES) {
        c.port = Processes.freePort();
        List<String> command = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_server",
            "-accept", "127.0.0.1:" + c.port, "-cert", pki.file("app.pem").toString(), "-cert_chain", pki.file("intermediate.pem").toString(),
            "-key", pki.file("app.key").toString(), "-Verify", "1", "-verify_return_error", "-www"));
        command.addAll(NAMES_SENT.equals(flavour(c))
            ? Arrays.asList("-CAfile", pki.file("client-ca.pem").toString())
            : Arrays.asList("-verifyCAfile", pki.file("client-ca.pem").toString()));
        SERVERS.add(Processes.startSServer(command, dir, "s_server-" + c.name));
      }
    } catch (AssertionError | RuntimeException e) {
      stopServers();
      throw e;
    }
  }

  @AfterAll
  static void stopServers() {
    for (Process p : SERVERS) {
      Processes.stop(p);
    }
    SERVERS.clear();
  }

  private static Run run(TestJdk jdk, String path) {
    return RUNS.computeIfAbsent(jdk + "/" + path, key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "connect-" + jdk + "-" + path);
        List<String> args = new ArrayList<>(Arrays.asList("--client", path, "--truststore", pki.file("root.pem").toString(), "--timeout-ms", "5000"));
        for (Case c : CASES) {
          args.add("--url");
          args.add(c.url());
          for (int i = 0; i < c.urlOptions.size(); i++) {
            String o = c.urlOptions.get(i);
            args.add(i % 2 == 1 && (o.endsWith(".pem") || o.endsWith(".p12")) ? pki.file(o).toString() : o);
          }
        }
        return new Run(jvm, CASES, jvm.connect(jdk, args, Duration.ofSeconds(120)));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String path : NginxClientIT.PATHS) {
        for (Case c : CASES) {
          out.add(Arguments.of(jdk, path, c));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} s_server {2}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, String path, Case c) {
    Run run = run(jdk, path);
    String line = run.lines.get(c.name);
    String context = c.name + " on " + jdk + " " + path + " (s_server port " + c.port + ")\nline: " + line + "\n" + run.jvm.describe()
        + "\n--- s_server stdout (tail)\n" + ForkedJvm.tail(Processes.read(dir.resolve("s_server-" + c.name + ".out")), 1500);
    List<Map<String, Object>> events = run.clientEvents(c.port);
    Map<String, Object> first = events.isEmpty() ? null : events.get(0);
    CompatibilityLog.record("SunJSSE", NginxClientIT.LIBRARIES.get(path), String.valueOf(jdk.feature()), "s_server " + c.name,
        c.cause == null ? "none" : c.cause, first == null ? "none" : String.valueOf(first.get("handshake_doctor.cause")),
        EventCaptures.of(first));
    if (c.cause == null) {
      if (line.contains(BoundedHttpExchange.NOT_COMPLETED) && events.isEmpty()) {
        // The handshake succeeded (no event) and java.net.http then never finished the request.
        abort("A JDK defect, not the agent's: " + line.substring(line.indexOf(BoundedHttpExchange.NOT_COMPLETED))
            + ", after a handshake that sent a client certificate to openssl s_server -www (the same request"
            + " completes on JDK 25 and through this JDK's other client paths)");
      }
      assertTrue(line.endsWith(": ok HTTP 200"), context);
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertTrue(line.startsWith(path + " " + c.url() + ": failed "), context);
    // HttpsURLConnection and HttpClient retry a GET once when a TLS 1.3 server's alert arrives
    // after the handshake (client certificate refused): two real handshakes, two events, same cause.
    assertTrue(!events.isEmpty() && events.size() <= 2, events.size() + " client events for port " + c.port + "\n" + context);
    for (Map<String, Object> event : events) {
      String eventContext = "event: " + event + "\n" + context;
      assertEquals(c.cause, event.get("handshake_doctor.cause"), eventContext);
      assertTrue(line.contains("| handshake-doctor: " + c.cause), "the application's exception carries the diagnosis\n" + eventContext);
      c.check.verify(event, eventContext);
    }
  }
}
