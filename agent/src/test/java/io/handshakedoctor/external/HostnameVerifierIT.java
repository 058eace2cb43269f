package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static io.handshakedoctor.external.ExternalPki.OTHER_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * Clients that check the host name with a {@code HostnameVerifier} after a handshake that succeeded (JSSE's own
 * endpoint identification off): OkHttp, Apache HttpClient 5 with {@code DefaultHostnameVerifier}, HttpsURLConnection
 * and an SSLSocket with an application's verifier. Each talks to its own {@code openssl s_server} serving a
 * certificate for {@value ExternalPki#OTHER_HOST}: asked for {@value ExternalPki#APP_HOST} the verifier rejects it
 * (one hostname_mismatch event naming both), asked for the certificate's own name it accepts (no event). One
 * Connect JVM per JDK tries every client.
 */
class HostnameVerifierIT {
  /** Connect's client name and the library's name in docs/compatibility.md. */
  static final Map<String, String> CLIENTS = new LinkedHashMap<>();

  static {
    CLIENTS.put("okhttp", "OkHttp 5.5 (OkHostnameVerifier)");
    CLIENTS.put("apache-httpclient5", "Apache HttpClient 5.6 classic (DefaultHostnameVerifier)");
    CLIENTS.put("https-url-connection-verifier", "HttpsURLConnection (custom HostnameVerifier)");
    CLIENTS.put("socket-verifier", "SSLSocket (custom HostnameVerifier, application throws)");
  }

  private static Path dir;
  private static ExternalPki pki;
  private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
  private static final List<Process> SERVERS = new ArrayList<>();
  private static final Map<TestJdk, NginxClientIT.Run> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-external-verifier");
    try {
      for (String client : CLIENTS.keySet()) {
        int port = Processes.freePort();
        PORTS.put(client, port);
        SERVERS.add(Processes.startSServer(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + port,
            "-cert", pki.file("other.fullchain.pem").toString(), "-cert_chain", pki.file("intermediate.pem").toString(),
            "-key", pki.file("other.key").toString(), "-www"), dir, "s_server-" + client));
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

  private static String url(String host, String client) {
    return "https://" + host + ":" + PORTS.get(client) + "/";
  }

  private static NginxClientIT.Run run(TestJdk jdk) {
    return RUNS.computeIfAbsent(jdk, key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "connect-" + jdk);
        List<NginxClientIT.Case> cases = new ArrayList<>();
        List<String> args = new ArrayList<>(Arrays.asList("--truststore", pki.file("root.pem").toString(), "--timeout-ms", "5000"));
        for (String client : CLIENTS.keySet()) {
          for (String host : Arrays.asList(APP_HOST, OTHER_HOST)) {
            cases.add(new NginxClientIT.Case(client + " " + host, host, List.of(), null, Check.NONE));
            args.addAll(Arrays.asList("--url", url(host, client), "--client", client));
          }
        }
        return new NginxClientIT.Run(jvm, cases, jvm.connect(jdk, args, Duration.ofSeconds(120)));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String client : CLIENTS.keySet()) {
        out.add(Arguments.of(jdk, client, true));
        out.add(Arguments.of(jdk, client, false));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} wrong host {2}")
  @MethodSource("cases")
  void oneHostnameMismatchPerRejectedHostAndNoneWhenTheNameMatches(TestJdk jdk, String client, boolean wrongHost) throws Exception {
    NginxClientIT.Run run = run(jdk);
    String host = wrongHost ? APP_HOST : OTHER_HOST;
    String line = run.lines.get(client + " " + host);
    List<Map<String, Object>> events = new ArrayList<>();
    for (Map<String, Object> e : run.clientEvents(PORTS.get(client))) {
      if (host.equals(e.get("server.address"))) {
        events.add(e);
      }
    }
    Map<String, Object> first = events.isEmpty() ? null : events.get(0);
    CompatibilityLog.record("SunJSSE", CLIENTS.get(client), String.valueOf(jdk.feature()), wrongHost ? "host name rejected after the handshake" : "host name accepted",
        wrongHost ? "hostname_mismatch" : "none", first == null ? "none" : String.valueOf(first.get("handshake_doctor.cause")),
        EventCaptures.of(first));
    String context = client + " " + host + " on " + jdk + "\nline: " + line + "\n" + run.jvm.describe();
    if (!wrongHost) {
      assertTrue(line.endsWith(": ok HTTP 200"), context);
      assertEquals(0, events.size(), "no event when the verifier accepts the host\n" + context);
      return;
    }
    assertTrue(line.contains(": failed "), context);
    assertEquals(1, events.size(), "one event per rejected host name\n" + context);
    String eventContext = "event: " + first + "\n" + context;
    assertTrue(line.contains("| handshake-doctor: hostname_mismatch"), "the application's exception carries the diagnosis\n" + eventContext);
    Check.equal("handshake_doctor.cause", "hostname_mismatch")
        .and(Check.equal("handshake_doctor.side", "client"))
        .and(Check.equal("tls.server.subject", "CN=" + OTHER_HOST))
        .and(Check.contains("handshake_doctor.summary", "'" + APP_HOST + "'"))
        .and(Check.contains("handshake_doctor.summary", OTHER_HOST))
        .and(Check.listAnyContains("handshake_doctor.evidence", "rejected '" + APP_HOST + "'"))
        .and(Check.size("handshake_doctor.peer_certificate_chain", 2))
        .verify(first, eventContext);
  }
}
