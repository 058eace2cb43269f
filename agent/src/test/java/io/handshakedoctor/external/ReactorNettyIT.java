package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Reactor Netty 1.3 under the agent on both of Netty's providers, {@code SslProvider.JDK} (SunJSSE) and
 * {@code SslProvider.OPENSSL} (netty-tcnative's BoringSSL), on JDK 17 and 25:
 * <ul>
 *   <li>its {@code HttpClient} against {@code openssl s_server} peers that each get one thing wrong: one forked
 *       JVM per JDK makes every call on both providers, each to an s_server of its own; each call's event is the client event whose
 *       {@code server.port} is its server's, and what {@code block()} threw must carry the diagnosis;
 *   <li>its {@code HttpServer} requiring a client certificate, facing {@code openssl s_client} clients that each
 *       get one thing wrong: one forked JVM per JDK serves on both providers, the clients run one after the other
 *       and each one's events are the server events written while it ran.
 * </ul>
 */
class ReactorNettyIT {
  private static final List<String> PROVIDERS = Arrays.asList("JDK", "OPENSSL");

  /** One s_server and the cause the client's one event must carry (null: the call succeeds). */
  static final class ServerCase {
    final String name;
    final String cause;
    final List<String> serverOptions;
    /** One s_server per provider, so that one forked client can call them all and tell the events apart by port. */
    final Map<String, Integer> ports = new ConcurrentHashMap<>();

    ServerCase(String name, String cause, String... serverOptions) {
      this.name = name;
      this.cause = cause;
      this.serverOptions = Arrays.asList(serverOptions);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<ServerCase> SERVERS = Arrays.asList(
      new ServerCase("control", null, "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"),
      new ServerCase("certificate_expired", "certificate_expired",
          "-cert", "expired.pem", "-cert_chain", "intermediate.pem", "-key", "expired.key"),
      new ServerCase("self_signed", "untrusted_self_signed", "-cert", "rogue-ca.pem", "-key", "rogue-ca.key"),
      new ServerCase("unknown_root", "untrusted_unknown_ca", "-cert", "rogue.pem", "-cert_chain", "rogue-ca.pem", "-key", "rogue.key"),
      new ServerCase("incomplete_chain", "incomplete_chain", "-cert", "app.pem", "-key", "app.key"),
      new ServerCase("wrong_host", "hostname_mismatch",
          "-cert", "other.fullchain.pem", "-cert_chain", "intermediate.pem", "-key", "other.key"),
      new ServerCase("tls10_only_server", "no_common_protocol_version",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
      new ServerCase("client_certificate_required", "client_certificate_missing",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-Verify", "1", "-CAfile", "client-ca.pem"));

  /** A client that sends plain HTTP to the TLS port instead of s_client. */
  private static final String PLAINTEXT = "plaintext_client";

  /** s_client's options (files from the test PKI) and the cause of the server's one event (null: none). */
  private static final List<String[]> CLIENTS = Arrays.asList(
      new String[] {"control", null, "-cert", "client.pem", "-key", "client.key"},
      new String[] {"no_client_certificate", "client_certificate_missing"},
      new String[] {"untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"},
      new String[] {"tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"},
      new String[] {PLAINTEXT, "non_tls_peer"});
  private static final String PLAINTEXT_REQUEST = "GET / HTTP/1.1\r\nHost: " + APP_HOST + "\r\n\r\n";

  private static Path dir;
  private static ExternalPki pki;
  private static final List<Process> S_SERVERS = new ArrayList<>();
  private static final Map<String, ClientRun> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-reactor-netty");
    for (ServerCase c : SERVERS) {
      for (String provider : PROVIDERS) {
        int port = Processes.freePort();
        c.ports.put(provider, port);
        List<String> command = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + port, "-www"));
        for (String o : c.serverOptions) {
          command.add(o.endsWith(".pem") || o.endsWith(".key") ? pki.file(o).toString() : o);
        }
        S_SERVERS.add(Processes.start(command, dir, "s_server-" + c.name + "-" + provider));
      }
    }
    // All started at once, then awaited: sixteen openssl start-ups overlap.
    int next = 0;
    for (ServerCase c : SERVERS) {
      for (String provider : PROVIDERS) {
        Processes.awaitPort(c.ports.get(provider), S_SERVERS.get(next++), Duration.ofSeconds(20), "s_server " + c.name);
      }
    }
  }

  @AfterAll
  static void stopServers() {
    S_SERVERS.forEach(Processes::stop);
  }

  /** Reactor Netty, Reactor, Netty (tcnative included) and the test classes: what the forked applications need. */
  static String applicationClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("netty") || e.contains("reactor") || e.contains("reactive-streams") || e.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  static String engine(String provider) {
    return "JDK".equals(provider) ? "SunJSSE" : NettyTcnativeClientIT.ENGINE;
  }

  static String library(String provider, String side) {
    return "Reactor Netty 1.3 " + side + " (SslProvider." + provider + ")";
  }

  /** One forked client's lines ({@code provider name: outcome}) and the events it wrote. */
  static final class ClientRun {
    final ForkedJvm jvm;
    final Map<String, String> lines = new LinkedHashMap<>();
    final List<Map<String, Object>> events;

    ClientRun(ForkedJvm jvm) throws Exception {
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

  /** One forked client per JDK: every call, on both providers, each to its own s_server. */
  private static ClientRun clientRun(TestJdk jdk) {
    return RUNS.computeIfAbsent(jdk.toString(), key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, "reactor-client-" + jdk);
        List<String> args = new ArrayList<>();
        args.add(pki.file("root.pem").toString());
        for (String provider : PROVIDERS) {
          for (ServerCase c : SERVERS) {
            args.add(provider + " " + c.name + "=" + provider + ":" + APP_HOST + ":" + c.ports.get(provider));
          }
        }
        List<String> command = jvm.command(jdk, ReactorNettyConnect.class.getName(), args);
        command.set(command.indexOf("-cp") + 1, applicationClassPath());
        int exit = Processes.run(command, jvm.dir, "jvm", null, Duration.ofSeconds(120));
        assertEquals(0, exit, "the Reactor Netty client exited " + exit + "\n" + jvm.describe());
        return new ClientRun(jvm);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  static Stream<Arguments> clientCases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String provider : PROVIDERS) {
        for (ServerCase c : SERVERS) {
          out.add(Arguments.of(jdk, provider, c));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} Reactor Netty HttpClient on SslProvider.{1}, s_server {2}")
  @MethodSource("clientCases")
  void clientGetsOneEventWithTheCauseAndTheExceptionItSeesCarriesIt(TestJdk jdk, String provider, ServerCase c) {
    ClientRun run = clientRun(jdk);
    String name = provider + " " + c.name;
    int port = c.ports.get(provider);
    String line = run.lines.get(name);
    List<Map<String, Object>> events = run.clientEvents(port);
    String context = name + " on " + jdk + " (s_server port " + port + ")\nline: " + line
        + "\n" + run.jvm.describe();
    String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
    CompatibilityLog.record(engine(provider), library(provider, "HttpClient"), String.valueOf(jdk.feature()), c.name,
        c.cause == null ? "none" : c.cause, actual, events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
    if (c.cause == null) {
      assertEquals(name + ": ok", line, context);
      assertEquals(0, events.size(), "no event for a successful call\n" + context);
      return;
    }
    assertTrue(line != null && line.startsWith(name + ": failed "), context);
    assertEquals(1, events.size(), "exactly one client event for port " + port + "\n" + context);
    assertEquals(c.cause, actual, context);
    assertEquals(APP_HOST, events.get(0).get("server.address"), context);
    assertTrue(line.contains("handshake-doctor: " + c.cause), "what block() threw carries the diagnosis\n" + context);
  }

  /**
   * The cause a server on {@code provider} must name: a TLS 1.0 client offers only what the JDK's own
   * {@code jdk.tls.disabledAlgorithms} disables, which SunJSSE says, while BoringSSL does not read that policy.
   */
  private static String expectedOfServer(String provider, String cause) {
    if (cause == null) {
      return "none";
    }
    return "JDK".equals(provider) && "no_common_protocol_version".equals(cause) ? "protocol_disabled_by_local_policy" : cause;
  }

  @Test
  void serverGetsOneEventWithTheCausePerBadClient() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    Path serverDir = Files.createTempDirectory("hd-reactor-netty-server");
    Path noInput = Files.createFile(serverDir.resolve("empty-stdin"));
    List<String> failures = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      ForkedJvm jvm = new ForkedJvm(serverDir, "reactor-server-" + jdk);
      Map<String, Integer> ports = new LinkedHashMap<>();
      List<String> args = new ArrayList<>(Arrays.asList(
          pki.file("app.fullchain.pem").toString(), pki.file("app.key").toString(), pki.file("client-ca.pem").toString()));
      for (String provider : PROVIDERS) {
        ports.put(provider, Processes.freePort());
        args.add(provider + "=" + ports.get(provider));
      }
      List<String> command = jvm.command(jdk, ReactorNettyServe.class.getName(), args);
      command.set(command.indexOf("-cp") + 1, applicationClassPath());
      Process server = Processes.start(command, jvm.dir, "jvm");
      try {
        Processes.awaitText(jvm.stdoutFile(), "listening", server, Duration.ofSeconds(60), "Reactor Netty server on " + jdk);
        for (String provider : PROVIDERS) {
          int port = ports.get(provider);
          for (String[] c : CLIENTS) {
            if (PLAINTEXT.equals(c[0]) && !"JDK".equals(provider)) {
              // Known gap: on SslProvider.OPENSSL Reactor Netty's server reports a plain-text client twice (two
              // events, the first without the client's address); gRPC's server on the same engine reports it once.
              continue;
            }
            int before = jvm.events().size();
            if (PLAINTEXT.equals(c[0])) {
              PlainTextClient.send(port, PLAINTEXT_REQUEST.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
              List<String> client = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + port,
                  "-servername", APP_HOST));
              for (int i = 2; i < c.length; i++) {
                client.add(c[i].endsWith(".pem") || c[i].endsWith(".key") ? pki.file(c[i]).toString() : c[i]);
              }
              Processes.run(client, jvm.dir, "s_client-" + provider + "-" + c[0], noInput, Duration.ofSeconds(20));
            }
            List<Map<String, Object>> events = ServerEvents.since(jvm, before, c[1] == null ? 1500 : 10_000);
            String expected = expectedOfServer(provider, c[1]);
            String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
            CompatibilityLog.record(engine(provider), library(provider, "HttpServer"), String.valueOf(jdk.feature()), c[0], expected, actual,
                events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
            boolean right = c[1] == null ? events.isEmpty()
                : events.size() == 1 && "server".equals(events.get(0).get("handshake_doctor.side")) && expected.equals(actual);
            if (!right) {
              failures.add(jdk + " SslProvider." + provider + " " + c[0] + ": expected " + expected + ", got " + events);
            }
          }
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
}
