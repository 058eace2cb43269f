package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every server engine IT does: per JDK, one forked server (a main class that takes its port, certificate
 * chain, key and client CA, prints {@code listening} once bound and serves until killed) under the agent; per
 * scenario, one {@code openssl s_client} run against it and the events the server wrote meanwhile: one server event
 * with the expected cause (none for a handshake that succeeds), and a row in the compatibility table. Scenarios run
 * one after the other, as JUnit runs a parameterized test's invocations.
 *
 * <p>An engine IT extends it and passes its names, its scenario table and its server to the constructor; JUnit runs
 * {@link #diagnosis} for every JDK and scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineServerHarness {
  private final String engine;
  private final String library;
  private final List<EngineScenario> scenarios;
  private final Class<?> server;
  private final Supplier<String> classPath;
  private List<String> jvmOptions = List.of();
  private boolean namesTheClient;

  private Path dir;
  private Path noInput;
  private ExternalPki pki;
  private final Map<TestJdk, Server> servers = new ConcurrentHashMap<>();

  /** One forked server and the port it listens on. */
  private static final class Server {
    final ForkedJvm jvm;
    final Process process;
    final int port;

    Server(ForkedJvm jvm, Process process, int port) {
      this.jvm = jvm;
      this.process = process;
      this.port = port;
    }
  }

  /**
   * @param engine the TLS engine as docs/compatibility.md names it
   * @param library the server stack as docs/compatibility.md names it
   * @param scenarios {@code s_client}'s options in each
   * @param server the forked application's main class
   * @param classPath its class path (see {@link EngineClassPath})
   */
  protected EngineServerHarness(String engine, String library, List<EngineScenario> scenarios, Class<?> server, Supplier<String> classPath) {
    this.engine = engine;
    this.library = library;
    this.scenarios = scenarios;
    this.server = server;
    this.classPath = classPath;
  }

  /** Every event must name the connecting client (127.0.0.1 and its port): the server reads it from its channel. */
  protected final void namesTheClient() {
    this.namesTheClient = true;
  }

  /** JVM options the forked server needs besides the agent's (e.g. an {@code --add-opens} its engine requires). */
  protected final void jvmOptions(String... options) {
    this.jvmOptions = Arrays.asList(options);
  }

  @AfterAll
  void stopServers() {
    servers.values().forEach(s -> Processes.stop(s.process));
    servers.clear();
  }

  Stream<Arguments> cases() {
    return EngineScenario.onEveryJdk(scenarios);
  }

  @ParameterizedTest(name = "{0} s_client {1}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, EngineScenario s) throws Exception {
    prepare();
    Server server = server(jdk);
    int before = server.jvm.events().size();
    List<String> client = s.peerCommand(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + server.port,
        "-servername", ExternalPki.APP_HOST), pki);
    Processes.run(client, server.jvm.dir, "s_client-" + s.name, noInput, Duration.ofSeconds(20));
    List<Map<String, Object>> events = awaitEvents(server.jvm, before, s.cause == null ? 1500 : 10_000);
    String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
    CompatibilityLog.record(engine, library, String.valueOf(jdk.feature()), s.name, s.expected(), actual,
        events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
    String context = s.name + " on " + jdk + ": events " + events + "\n" + server.jvm.describe();
    if (s.cause == null) {
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertEquals(1, events.size(), "exactly one event\n" + context);
    assertEquals("server", events.get(0).get("handshake_doctor.side"), context);
    assertEquals(s.cause, actual, context);
    if (namesTheClient) {
      assertTrue(namesLocalClient(events.get(0)), "the event names the client's address and port\n" + context);
    }
  }

  /** The event names s_client, which connects from 127.0.0.1, by address and port. */
  static boolean namesLocalClient(Map<String, Object> event) {
    Object port = event.get("client.port");
    return "127.0.0.1".equals(event.get("client.address")) && port instanceof Number && ((Number) port).intValue() > 0;
  }

  /** Skips the test when openssl is missing; else the PKI and a directory for the servers' files. */
  private synchronized void prepare() throws Exception {
    Processes.requireTools(false);
    if (dir == null) {
      pki = ExternalPki.shared();
      dir = Files.createTempDirectory("hd-" + server.getSimpleName());
      noInput = Files.createFile(dir.resolve("empty-stdin"));
    }
  }

  private Server server(TestJdk jdk) {
    return servers.computeIfAbsent(jdk, key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, server.getSimpleName() + "-" + jdk);
        int port = Processes.freePort();
        List<String> command = jvm.command(jdk, classPath.get(), server, Arrays.asList(String.valueOf(port),
            pki.file("app.fullchain.pem").toString(), pki.file("app.key").toString(), pki.file("client-ca.pem").toString()));
        command.addAll(command.indexOf("-cp"), jvmOptions);
        Process process = Processes.start(command, jvm.dir, "jvm");
        try {
          Processes.awaitText(jvm.stdoutFile(), "listening", process, Duration.ofSeconds(60), server.getSimpleName() + " on " + jdk);
        } catch (AssertionError | RuntimeException e) {
          Processes.stop(process);
          throw e;
        }
        return new Server(jvm, process, port);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
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
