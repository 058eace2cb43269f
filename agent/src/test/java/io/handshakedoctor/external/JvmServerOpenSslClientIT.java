package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM as a TLS server ({@code Serve}: SSLServerSocket or SSLEngine, client certificate required)
 * against {@code openssl s_client} misbehaving, and a plain-text client, on JDK 17 and 25. One Serve
 * JVM per JDK and server kind handles every scenario in turn; the n-th failed connection's line is
 * paired with the n-th server event.
 */
class JvmServerOpenSslClientIT {
  static final class Case {
    final String name;
    final List<String> sClientArgs; // null: a plain-text HTTP client
    final String cause; // null: must succeed
    final Check check;

    Case(String name, List<String> sClientArgs, String cause, Check check) {
      this.name = name;
      this.sClientArgs = sClientArgs;
      this.cause = cause;
      this.check = check;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Case> CASES = Arrays.asList(
      new Case("tls1_only", Arrays.asList("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"), "protocol_disabled_by_local_policy",
          Check.equal("handshake_doctor.protocols.offered", Collections.singletonList("TLSv1")).and(Check.equal("handshake_doctor.responsible", "client"))),
      new Case("suites_jvm_lacks", Arrays.asList("-tls1_2", "-cipher", "CAMELLIA:ARIA"), "no_common_cipher_suite",
          Check.listAnyContains("tls.client.supported_ciphers", "CAMELLIA").and(Check.equal("handshake_doctor.responsible", "client"))),
      new Case("no_client_certificate_tls13", Collections.<String>emptyList(), "client_certificate_missing",
          Check.contains("handshake_doctor.summary", "Handshake Doctor External Client CA")),
      new Case("no_client_certificate_tls12", Arrays.asList("-tls1_2"), "client_certificate_missing",
          Check.contains("handshake_doctor.summary", "Handshake Doctor External Client CA")),
      new Case("untrusted_client_certificate_tls13", Arrays.asList("-cert", "rogue.pem", "-key", "rogue.key"), "client_certificate_rejected",
          Check.contains("tls.client.issuer", "Rogue Client CA")),
      new Case("untrusted_client_certificate_tls12", Arrays.asList("-tls1_2", "-cert", "rogue.pem", "-key", "rogue.key"), "client_certificate_rejected",
          Check.contains("tls.client.issuer", "Rogue Client CA")),
      // TLS 1.3: OpenSSL sends its unknown_ca alert in clear after the server's encrypted flight, which SunJSSE fails
      // on as a record it cannot decrypt (17) or an "Unexpected plaintext alert" (25); the cause is still the rejection.
      new Case("client_rejects_server_certificate_tls13", Arrays.asList("-cert", "client.pem", "-key", "client.key", "-verify_return_error",
          "-CAfile", "rogue-ca.pem"), "untrusted_unknown_ca",
          Check.listAnyContains("handshake_doctor.evidence", "plaintext alert unknown_ca where an encrypted record was expected")
              .and(Check.equal("handshake_doctor.responsible", "server"))),
      new Case("client_rejects_server_certificate_tls12", Arrays.asList("-tls1_2", "-cert", "client.pem", "-key", "client.key",
          "-verify_return_error", "-CAfile", "rogue-ca.pem"), "untrusted_unknown_ca", Check.equal("handshake_doctor.responsible", "server")),
      new Case("plain_http_client", null, "non_tls_peer", Check.contains("handshake_doctor.summary", "GET /")),
      new Case("client_certificate_accepted", Arrays.asList("-cert", "client.pem", "-key", "client.key", "-ign_eof"), null, Check.NONE));

  private static Path dir;
  private static ExternalPki pki;
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
  private static final Pattern CONNECTION = Pattern.compile("^connection (\\d+) from [^:]+:(\\d+): (.*)$", Pattern.MULTILINE);

  @BeforeAll
  static void setUp() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-external-jvm-server");
  }

  static final class Run {
    final ForkedJvm jvm;
    final Map<String, String> lines = new HashMap<>();
    final Map<String, Integer> clientPorts = new HashMap<>();
    final Map<String, Map<String, Object>> events = new HashMap<>();
    String problem;

    Run(ForkedJvm jvm) {
      this.jvm = jvm;
    }
  }

  private static Run run(TestJdk jdk, String kind) {
    return RUNS.computeIfAbsent(jdk + "/" + kind, key -> {
      Process serve = null;
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "serve-" + jdk + "-" + kind);
        Run run = new Run(jvm);
        List<String> args = new ArrayList<>(Arrays.asList("--port", "0", "--keystore", pki.file("server.pem").toString(),
            "--truststore", pki.file("client-ca.pem").toString(), "--need-client-auth", "--accept", String.valueOf(CASES.size()),
            "--timeout-ms", "5000", "--max-seconds", "120"));
        if ("engine".equals(kind)) {
          args.add("--engine");
        }
        serve = jvm.serve(jdk, args);
        Processes.awaitText(jvm.stdoutFile(), "listening 127.0.0.1:", serve, Duration.ofSeconds(30), "Serve");
        Matcher listening = Pattern.compile("listening 127\\.0\\.0\\.1:(\\d+)").matcher(jvm.stdout());
        listening.find();
        int port = Integer.parseInt(listening.group(1));
        Path request = dir.resolve("request.txt");
        Files.write(request, ("GET / HTTP/1.1\r\nHost: " + ExternalPki.APP_HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < CASES.size(); i++) {
          Case c = CASES.get(i);
          if (c.sClientArgs == null) {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
              s.setSoTimeout(5000);
              OutputStream out = s.getOutputStream();
              out.write(Files.readAllBytes(request));
              out.flush();
              s.getInputStream().read(new byte[256]); // the JVM's alert bytes, or EOF
            } catch (java.io.IOException ignored) {
              // the server may reset
            }
          } else {
            List<String> command = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", ExternalPki.APP_HOST));
            for (String a : c.sClientArgs) {
              command.add(a.endsWith(".pem") || a.endsWith(".key") ? pki.file(a).toString() : a);
            }
            Processes.run(command, jvm.dir, "s_client-" + c.name, c.cause == null ? request : null, Duration.ofSeconds(20));
          }
          Processes.awaitText(jvm.stdoutFile(), "connection " + (i + 1) + " from", serve, Duration.ofSeconds(15), "Serve");
        }
        if (!serve.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
          run.problem = "Serve did not exit after " + CASES.size() + " connections";
        }
        Processes.stop(serve);
        List<Map<String, Object>> serverEvents = new ArrayList<>();
        for (Map<String, Object> e : jvm.events()) {
          if ("server".equals(e.get("handshake_doctor.side"))) {
            serverEvents.add(e);
          }
        }
        Matcher m = CONNECTION.matcher(jvm.stdout());
        int failed = 0;
        while (m.find()) {
          Case c = CASES.get(Integer.parseInt(m.group(1)) - 1);
          run.lines.put(c.name, m.group(3));
          run.clientPorts.put(c.name, Integer.parseInt(m.group(2)));
          if (m.group(3).startsWith("failed") && failed < serverEvents.size()) {
            run.events.put(c.name, serverEvents.get(failed));
            failed++;
          } else if (m.group(3).startsWith("failed")) {
            failed++;
          }
        }
        if (failed != serverEvents.size()) {
          run.problem = failed + " failed connections but " + serverEvents.size() + " server events";
        }
        return run;
      } catch (Exception e) {
        throw new RuntimeException(e);
      } finally {
        Processes.stop(serve);
      }
    });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String kind : Arrays.asList("socket", "engine")) {
        for (Case c : CASES) {
          out.add(Arguments.of(jdk, kind, c));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}-server s_client {2}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, String kind, Case c) {
    Run run = run(jdk, kind);
    String line = run.lines.get(c.name);
    String context = c.name + " on " + jdk + " " + kind + " server\nline: " + line + "\n" + run.jvm.describe()
        + "\n--- s_client stderr (tail)\n" + ForkedJvm.tail(Processes.read(run.jvm.dir.resolve("s_client-" + c.name + ".err")), 1500);
    Map<String, Object> recorded = run.events.get(c.name);
    CompatibilityLog.record("SunJSSE", "socket".equals(kind) ? "SSLServerSocket" : "SSLEngine server", String.valueOf(jdk.feature()),
        "s_client " + c.name, c.cause == null ? "none" : c.cause,
        recorded == null ? "none" : String.valueOf(recorded.get("handshake_doctor.cause")), EventCaptures.of(recorded));
    assertEquals(null, run.problem, context);
    assertTrue(line != null, "Serve logged no line for this connection\n" + context);
    if (c.cause == null) {
      assertEquals("ok", line, context);
      assertTrue(Processes.read(run.jvm.dir.resolve("s_client-" + c.name + ".out")).contains("HTTP/1.1 200 OK"), context);
      assertTrue(!run.events.containsKey(c.name), context);
      return;
    }
    assertTrue(line.startsWith("failed "), context);
    Map<String, Object> event = run.events.get(c.name);
    assertTrue(event != null, "no server event\n" + context);
    String eventContext = "event: " + event + "\n" + context;
    assertEquals(c.cause, event.get("handshake_doctor.cause"), eventContext);
    assertTrue(line.contains("| handshake-doctor: " + c.cause), "the server's exception carries the diagnosis\n" + eventContext);
    Object clientPort = event.get("client.port");
    if (clientPort instanceof Number) { // an SSLEngine created without a peer address has none
      assertEquals(run.clientPorts.get(c.name).intValue(), ((Number) clientPort).intValue(), eventContext);
    }
    assertTrue(!line.contains("The client the peer"), eventContext);
    c.check.verify(event, eventContext);
  }
}
