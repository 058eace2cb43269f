package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * A client on BouncyCastle JSSE 1.83 (installed first, as FIPS deployments do), over SSLSocket and
 * HttpsURLConnection, under the agent, against {@code openssl s_server} peers that each get one
 * thing wrong, on JDK 17 and 25: one forked JVM per JDK tries every scenario; each scenario's event
 * is the client event whose {@code server.port} is its port.
 */
class BcJsseClientIT {
  static final String ENGINE = "BouncyCastle JSSE 1.83";
  static final String LIBRARY = "SSLSocket, HttpsURLConnection";
  static final String ENGINE_LIBRARY = "Netty 4.2 client (SslHandler on BC's SSLEngine)";

  /** One s_server and the cause the client's one event must carry (null: the handshake succeeds). */
  static final class Case {
    final String name;
    final List<String> serverOptions;
    final String cause;
    final String clientProtocol;
    int port;
    /** The same server again for the SSLEngine path (Netty), so each path's events have their own port. */
    int enginePort;

    Case(String name, String cause, String clientProtocol, String... serverOptions) {
      this.name = name;
      this.cause = cause;
      this.clientProtocol = clientProtocol;
      this.serverOptions = Arrays.asList(serverOptions);
    }

    /** HttpsURLConnection's cases have no SSLEngine counterpart. */
    boolean viaEngineToo() {
      return !"url".equals(clientProtocol);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Case> CASES = Arrays.asList(
      new Case("control", null, null, "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"),
      new Case("certificate_expired", "certificate_expired", null,
          "-cert", "expired.pem", "-cert_chain", "intermediate.pem", "-key", "expired.key"),
      new Case("self_signed", "untrusted_self_signed", null, "-cert", "rogue-ca.pem", "-key", "rogue-ca.key"),
      new Case("unknown_root", "untrusted_unknown_ca", null, "-cert", "rogue.pem", "-cert_chain", "rogue-ca.pem", "-key", "rogue.key"),
      new Case("incomplete_chain", "incomplete_chain", null, "-cert", "app.pem", "-key", "app.key"),
      new Case("wrong_host", "hostname_mismatch", null,
          "-cert", "other.fullchain.pem", "-cert_chain", "intermediate.pem", "-key", "other.key"),
      new Case("tls10_only_server", "no_common_protocol_version", null,
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
      new Case("client_certificate_missing", "client_certificate_missing", null,
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
          "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"),
      new Case("https_url_connection_control", null, "url", "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"),
      new Case("https_url_connection_unknown_root", "untrusted_unknown_ca", "url",
          "-cert", "rogue.pem", "-cert_chain", "rogue-ca.pem", "-key", "rogue.key"));

  private static Path dir;
  private static ExternalPki pki;
  private static final List<Process> SERVERS = new ArrayList<>();
  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-bc-jsse-client");
    for (Case c : CASES) {
      c.port = Processes.freePort();
      List<String> command = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + c.port, "-www"));
      for (String o : c.serverOptions) {
        command.add(o.endsWith(".pem") || o.endsWith(".key") ? pki.file(o).toString() : o);
      }
      Process p = Processes.start(command, dir, "s_server-" + c.name);
      SERVERS.add(p);
      Processes.awaitPort(c.port, p, Duration.ofSeconds(10), "s_server " + c.name);
      if (c.viaEngineToo()) {
        c.enginePort = Processes.freePort();
        command.set(3, "127.0.0.1:" + c.enginePort);
        Process q = Processes.start(command, dir, "s_server-engine-" + c.name);
        SERVERS.add(q);
        Processes.awaitPort(c.enginePort, q, Duration.ofSeconds(10), "s_server (engine) " + c.name);
      }
    }
  }

  @AfterAll
  static void stopServers() {
    SERVERS.forEach(Processes::stop);
  }

  /** BouncyCastle JSSE 1.83's jars (copied by the build), Netty's, the sample apps and the test classes. */
  static String applicationClassPath() throws Exception {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("bc.jsse.dir", "target/bc-jsse")))) {
      jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toAbsolutePath().toString()));
    }
    assertEquals(3, entries.size(), "bctls, bcprov and bcutil 1.83 in " + System.getProperty("bc.jsse.dir"));
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("netty") || e.endsWith("test-classes"))
        .forEach(entries::add);
    // The sample apps' classes, not their jar: its manifest's Class-Path brings BouncyCastle 1.87,
    // whose bcprov clashes with the signed 1.83 jars.
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.endsWith("sample-apps.jar"))
        .map(e -> Paths.get(e).resolveSibling("classes"))
        .filter(Files::isDirectory)
        .forEach(p -> entries.add(p.toString()));
    return String.join(File.pathSeparator, entries);
  }

  /** One forked client's lines ({@code name: outcome}) and the events it wrote. */
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
        ForkedJvm jvm = new ForkedJvm(dir, "bc-jsse-" + jdk);
        List<String> args = new ArrayList<>();
        args.add(pki.file("root.pem").toString());
        for (Case c : CASES) {
          args.add(c.name + "=" + ("url".equals(c.clientProtocol)
              ? "url:https://" + APP_HOST + ":" + c.port + "/"
              : APP_HOST + ":" + c.port + (c.clientProtocol == null ? "" : ":" + c.clientProtocol)));
        }
        for (Case c : CASES) {
          if (c.viaEngineToo()) {
            args.add(enginePathName(c) + "=netty:" + APP_HOST + ":" + c.enginePort + (c.clientProtocol == null ? "" : ":" + c.clientProtocol));
          }
        }
        List<String> command = jvm.command(jdk, BcJsseConnect.class.getName(), args);
        command.set(command.indexOf("-cp") + 1, applicationClassPath());
        int exit = Processes.run(command, jvm.dir, "jvm", null, Duration.ofSeconds(120));
        assertEquals(0, exit, "the BC JSSE client exited " + exit + "\n" + jvm.describe());
        return new Run(jvm);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (Case c : CASES) {
        out.add(Arguments.of(jdk, "socket", c));
        if (c.viaEngineToo()) {
          out.add(Arguments.of(jdk, "engine", c));
        }
      }
    }
    return out.stream();
  }

  private static String enginePathName(Case c) {
    return "engine_" + c.name;
  }

  @ParameterizedTest(name = "{0} BC JSSE {1} client, s_server {2}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, String path, Case c) {
    Run run = run(jdk);
    boolean engine = "engine".equals(path);
    String name = engine ? enginePathName(c) : c.name;
    int port = engine ? c.enginePort : c.port;
    String line = run.lines.get(name);
    List<Map<String, Object>> events = run.clientEvents(port);
    String context = name + " on " + jdk + " (s_server port " + port + ")\nline: " + line + "\n" + run.jvm.describe();
    String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
    CompatibilityLog.record(ENGINE, engine ? ENGINE_LIBRARY : LIBRARY, String.valueOf(jdk.feature()), c.name, c.cause == null ? "none" : c.cause, actual,
        events.size() == 1 ? io.handshakedoctor.compatibility.EventCaptures.of(events.get(0)) : java.util.EnumSet.noneOf(io.handshakedoctor.compatibility.Captured.class));
    if (c.cause == null) {
      assertEquals(name + ": ok", line, context);
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertTrue(line.startsWith(name + ": failed "), context);
    assertEquals(1, events.size(), "exactly one client event for port " + port + "\n" + context);
    Map<String, Object> event = events.get(0);
    assertEquals(c.cause, event.get("handshake_doctor.cause"), "event: " + event + "\n" + context);
    assertEquals(APP_HOST, event.get("server.address"), "event: " + event + "\n" + context);
    assertTrue(line.contains("handshake-doctor: " + c.cause), "the application's exception carries the diagnosis\n" + context);
  }
}
