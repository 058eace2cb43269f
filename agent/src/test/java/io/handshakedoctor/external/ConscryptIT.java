package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conscrypt 2.5.2 (BoringSSL behind the JDK's SSLContext API, installed first) under the agent, on
 * JDK 17 and 25, over the engine socket (its default SSLSocket and SSLServerSocket) and the
 * SSLEngine. Its file-descriptor socket cannot run on JDK 13+ (it reads the socket's descriptor
 * from {@code SocketImpl}, which the JDK's NIO socket leaves unset: "Socket is closed"): its hooks
 * are matched against the class files in {@code ConscryptHookPointsTest}, and here its woven class
 * is loaded and run up to that failure. As a client against {@code openssl s_server} peers that each get one thing wrong (one forked JVM per
 * JDK tries every scenario on every kind; one s_server per scenario and kind, so each event is
 * told apart by {@code server.port}); as a server requiring a client certificate, facing {@code
 * openssl s_client} clients (one forked server per JDK with a listener per kind, the clients one
 * after the other).
 */
class ConscryptIT {
  static final String ENGINE = "Conscrypt 2.5.2 (BoringSSL)";
  private static final Map<String, String> CLIENT_LIBRARIES = libraries(
      "engine-socket", "SSLSocket (engine socket, the default)",
      "engine", "SSLEngine");
  private static final Map<String, String> SERVER_LIBRARIES = libraries(
      "engine-socket", "SSLServerSocket (engine socket, the default)",
      "engine", "SSLEngine server");

  /** One s_server per kind and the cause of the client's one event there (null: it succeeds). */
  static final class Case {
    final String name;
    final String kind;
    final List<String> serverOptions;
    final String cause;
    final String protocols;
    int port;

    Case(String name, String kind, String cause, String protocols, List<String> serverOptions) {
      this.name = name;
      this.kind = kind;
      this.cause = cause;
      this.protocols = protocols;
      this.serverOptions = serverOptions;
    }

    String label() {
      return kind + "-" + name;
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  /**
   * Name, expected cause (null: no event), the client's protocols ("-": Conscrypt's defaults), then
   * s_server's options. Conscrypt's own trust manager checks the host name before the chain, so the
   * untrusted certificates here name the right host: otherwise the host is all it reports.
   */
  private static final String[][] SCENARIOS = {
      {"control", null, "-", "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"},
      {"certificate_expired", "certificate_expired", "-", "-cert", "expired.pem", "-cert_chain", "intermediate.pem", "-key", "expired.key"},
      {"self_signed", "untrusted_self_signed", "-", "-cert", "self-signed-app.pem", "-key", "self-signed-app.key"},
      {"unknown_root", "untrusted_unknown_ca", "-", "-cert", "swapped.fullchain.pem", "-cert_chain", "second-root.pem", "-key", "swapped.key"},
      {"incomplete_chain", "incomplete_chain", "-", "-cert", "app.pem", "-key", "app.key"},
      {"wrong_host", "hostname_mismatch", "-", "-cert", "other.fullchain.pem", "-cert_chain", "intermediate.pem", "-key", "other.key"},
      // Conscrypt 2.5.2 still enables TLS 1.0 and 1.1 by default: a TLS 1.0-only server is reached.
      {"tls10_only_server_conscrypt_defaults", null, "-",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"},
      {"tls10_only_server", "no_common_protocol_version", "TLSv1.2,TLSv1.3",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"},
      {"client_certificate_missing_tls12", "client_certificate_missing", "-",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-no_tls1_3",
          "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"},
      {"client_certificate_missing", "client_certificate_missing", "-",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
          "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"}};

  static final List<Case> CASES = cases(SCENARIOS);
  /** A file-descriptor socket against the first control server (whose port must then see no event). */
  private static final String FD_SOCKET_LABEL = "fd-socket-woven";

  /** s_client's options against the server (files from the test PKI) and the cause of the server's one event. */
  private static final String[][] BAD_CLIENTS = {
      {"control", null, "-cert", "client.pem", "-key", "client.key"},
      {"no_client_certificate", "client_certificate_missing"},
      {"untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"},
      {"tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"}};

  private static Path dir;
  private static ExternalPki pki;
  private static final List<Process> SERVERS = new ArrayList<>();
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  private static Map<String, String> libraries(String... kindsAndNames) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kindsAndNames.length; i += 2) {
      out.put(kindsAndNames[i], kindsAndNames[i + 1]);
    }
    return out;
  }

  private static List<Case> cases(String[][] scenarios) {
    List<Case> out = new ArrayList<>();
    for (String kind : CLIENT_LIBRARIES.keySet()) {
      for (String[] s : scenarios) {
        out.add(new Case(s[0], kind, s[1], s[2], Arrays.asList(s).subList(3, s.length)));
      }
    }
    return out;
  }

  @BeforeAll
  static void startServers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-conscrypt");
    for (Case c : CASES) {
      c.port = Processes.freePort();
      List<String> command = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + c.port, "-www"));
      for (String o : c.serverOptions) {
        command.add(o.endsWith(".pem") || o.endsWith(".key") ? pki.file(o).toString() : o);
      }
      Process p = Processes.start(command, dir, "s_server-" + c.label());
      SERVERS.add(p);
      Processes.awaitPort(c.port, p, Duration.ofSeconds(10), "s_server " + c.label());
    }
  }

  @AfterAll
  static void stopServers() {
    SERVERS.forEach(Processes::stop);
  }

  /** The sample applications, Conscrypt's uber jar (natives inside) and the test classes. */
  static String applicationClassPath() {
    List<String> entries = new ArrayList<>();
    entries.add(ForkedJvm.SAMPLES_JAR.toString());
    entries.addAll(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("conscrypt") || e.endsWith("test-classes"))
        .collect(Collectors.toList()));
    return String.join(File.pathSeparator, entries);
  }

  /** One forked client's lines ({@code label: outcome}) and the events it wrote. */
  static final class Run {
    final ForkedJvm jvm;
    final Map<String, String> lines = new LinkedHashMap<>();
    final List<Map<String, Object>> events;

    Run(ForkedJvm jvm) throws Exception {
      this.jvm = jvm;
      for (String l : jvm.stdout().split("\n")) {
        int colon = l.indexOf(": ");
        if (colon > 0) {
          lines.put(l.substring(0, colon), l);
        }
      }
      this.events = jvm.events();
    }

    List<Map<String, Object>> clientEvents(int port) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> e : events) {
        Object p = e.get("server.port");
        if ("client".equals(e.get("handshake_doctor.side")) && p instanceof Number && ((Number) p).intValue() == port) {
          out.add(e);
        }
      }
      return out;
    }
  }

  private static Run run(TestJdk jdk) {
    return RUNS.computeIfAbsent(jdk.toString(), key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "conscrypt-client-" + jdk);
        List<String> args = new ArrayList<>();
        args.add(pki.file("root.pem").toString());
        args.add(FD_SOCKET_LABEL + "=fd-socket=https://" + APP_HOST + ":" + CASES.get(0).port + "/");
        for (Case c : CASES) {
          args.add(c.label() + "=" + c.kind + "=https://" + APP_HOST + ":" + c.port + "/" + ("-".equals(c.protocols) ? "" : "=" + c.protocols));
        }
        List<String> command = jvm.command(jdk, "io.handshakedoctor.samples.external.ConscryptConnect", args);
        command.set(command.indexOf("-cp") + 1, applicationClassPath());
        int exit = Processes.run(command, jvm.dir, "jvm", null, Duration.ofSeconds(180));
        assertEquals(0, exit, "the Conscrypt client exited " + exit + "\n" + jvm.describe());
        return new Run(jvm);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> clientCases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (Case c : CASES) {
        out.add(Arguments.of(jdk, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} Conscrypt client {1}")
  @MethodSource("clientCases")
  void clientDiagnosis(TestJdk jdk, Case c) {
    Run run = run(jdk);
    String line = run.lines.get(c.label());
    List<Map<String, Object>> events = run.clientEvents(c.port);
    String context = c + " on " + jdk + " (s_server port " + c.port + ")\nline: " + line + "\nevents: " + events + "\n" + run.jvm.describe();
    String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
    CompatibilityLog.record(ENGINE, CLIENT_LIBRARIES.get(c.kind), String.valueOf(jdk.feature()), c.name,
        c.cause == null ? "none" : c.cause, actual,
        events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
    if (c.cause == null) {
      assertTrue(line != null && line.startsWith(c.label() + ": ok"), context);
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertTrue(line != null && line.startsWith(c.label() + ": failed "), context);
    assertEquals(1, events.size(), "exactly one client event for port " + c.port + "\n" + context);
    Map<String, Object> event = events.get(0);
    assertEquals(c.cause, event.get("handshake_doctor.cause"), "event: " + event + "\n" + context);
    assertEquals(APP_HOST, event.get("server.address"), "event: " + event + "\n" + context);
    assertTrue(line.contains("handshake-doctor: " + c.cause), "the application's exception carries the diagnosis\n" + context);
  }

  /**
   * The file-descriptor socket's class is woven when it loads and runs as it does without the
   * agent: Conscrypt itself cannot take the descriptor of a JDK 13+ socket, and that non-TLS failure
   * is no event (the control server it aimed at has none).
   */
  @ParameterizedTest(name = "{0} Conscrypt file-descriptor socket")
  @MethodSource("jdks")
  void fileDescriptorSocketIsWovenAndFailsAsWithoutTheAgent(TestJdk jdk) {
    Run run = run(jdk);
    String line = run.lines.get(FD_SOCKET_LABEL);
    String context = "line: " + line + "\n" + run.jvm.describe();
    assertTrue(line != null && (line.contains("Can't get FileDescriptor") || line.contains("Socket is closed")), context);
    assertFalse(line.contains("handshake-doctor:"), context);
    assertFalse(run.jvm.stderr().contains("internal error"), "weaving and hooks raised no fault of the agent's\n" + context);
    assertEquals(0, run.clientEvents(CASES.get(0).port).size(), context);
  }

  static Stream<TestJdk> jdks() {
    return TestJdk.all().stream();
  }

  @Test
  void eachBadClientGetsOneServerEventWithItsCause() throws Exception {
    Processes.requireTools(false);
    if (pki == null) {
      startServers();
    }
    Path noInput = Files.createFile(dir.resolve("empty-stdin"));
    List<String> failures = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      ForkedJvm jvm = new ForkedJvm(dir, "conscrypt-server-" + jdk);
      // Conscrypt's engine socket reads an accepted socket's host through InetAddress internals:
      // its users on JDK 16+ open java.net to it, as here.
      List<String> command = jvm.command(jdk, "io.handshakedoctor.samples.external.ConscryptServe",
          List.of("--add-opens", "java.base/java.net=ALL-UNNAMED"),
          Arrays.asList(pki.file("server.pem").toString(), pki.file("client-ca.pem").toString()));
      command.set(command.indexOf("-cp") + 1, applicationClassPath());
      Process server = Processes.start(command, jvm.dir, "jvm");
      try {
        Processes.awaitText(jvm.stdoutFile(), "listening engine ", server, Duration.ofSeconds(60), "Conscrypt server on " + jdk);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String l : jvm.stdout().split("\n")) {
          String[] words = l.trim().split(" ");
          if (words.length == 3 && "listening".equals(words[0])) {
            ports.put(words[1], Integer.parseInt(words[2]));
          }
        }
        for (Map.Entry<String, Integer> listener : ports.entrySet()) {
          for (String[] c : BAD_CLIENTS) {
            int before = jvm.events().size();
            List<String> client = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect",
                "127.0.0.1:" + listener.getValue(), "-servername", APP_HOST));
            for (int i = 2; i < c.length; i++) {
              client.add(c[i].endsWith(".pem") || c[i].endsWith(".key") ? pki.file(c[i]).toString() : c[i]);
            }
            Processes.run(client, jvm.dir, "s_client-" + listener.getKey() + "-" + c[0], noInput, Duration.ofSeconds(20));
            List<Map<String, Object>> events = awaitEvents(jvm, before, c[1] == null ? 1500 : 10_000);
            String expected = c[1] == null ? "none" : c[1];
            String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
            CompatibilityLog.record(ENGINE, SERVER_LIBRARIES.get(listener.getKey()), String.valueOf(jdk.feature()), c[0], expected, actual,
                events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
            boolean right = c[1] == null ? events.isEmpty()
                : events.size() == 1 && "server".equals(events.get(0).get("handshake_doctor.side")) && expected.equals(actual);
            if (!right) {
              failures.add(jdk + " " + listener.getKey() + " " + c[0] + ": expected " + expected + ", got " + events);
            }
          }
        }
        if (ports.size() != SERVER_LIBRARIES.size()) {
          failures.add(jdk + ": listeners " + ports);
        }
      } finally {
        Processes.stop(server);
      }
      if (!failures.isEmpty()) {
        failures.add(jvm.describe());
      }
    }
    assertEquals(List.of(), failures);
  }

  /** The events written since {@code before}, once one arrived (or the wait ended) and a moment more for extras. */
  private static List<Map<String, Object>> awaitEvents(ForkedJvm jvm, int before, long waitMillis) throws Exception {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (jvm.events().size() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300);
    List<Map<String, Object>> all = jvm.events();
    return all.subList(before, all.size());
  }
}
