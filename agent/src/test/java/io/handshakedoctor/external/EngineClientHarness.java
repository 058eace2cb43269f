package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every client engine IT does: one {@code openssl s_server} per scenario; per JDK, one forked JVM running the
 * engine's connector (a main class that calls {@link HandshakeAttempts#each}) under the agent against all of them;
 * per scenario, the client events for its peer's port: one with the expected cause (or none for a handshake that
 * succeeds), the application's exception enriched with it, and a row in the compatibility table.
 *
 * <p>An engine IT extends it and passes its names, its scenario table and its connector to the constructor; JUnit
 * runs {@link #diagnosis} for every JDK and scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineClientHarness {
  private final String engine;
  private final String library;
  private final List<EngineScenario> scenarios;
  private final Class<?> connector;
  private final Supplier<String> classPath;
  private List<String> everyPeer = List.of();
  private String failurePrefix = "failed ";
  private boolean successPrintsOk = true;
  private boolean reconnects;

  private Path dir;
  private ExternalPki pki;
  private final Map<EngineScenario, Integer> ports = new IdentityHashMap<>();
  private final List<Process> peers = new ArrayList<>();
  private final Map<TestJdk, ForkedEngineClient> runs = new ConcurrentHashMap<>();

  /**
   * @param engine the TLS engine as docs/compatibility.md names it
   * @param library the client stack as docs/compatibility.md names it
   * @param connector the forked application's main class
   * @param classPath its class path (see {@link EngineClassPath})
   */
  protected EngineClientHarness(String engine, String library, List<EngineScenario> scenarios, Class<?> connector, Supplier<String> classPath) {
    this.engine = engine;
    this.library = library;
    this.scenarios = scenarios;
    this.connector = connector;
    this.classPath = classPath;
  }

  /** Options every {@code s_server} gets besides its scenario's. */
  protected final void everyPeer(String... options) {
    this.everyPeer = Arrays.asList(options);
  }

  /**
   * For a client whose application call fails even after a good handshake (gRPC against s_server, which speaks no
   * HTTP/2): every line starts with {@code prefix}, the control's included, so only the events tell them apart.
   */
  protected final void everyCallFails(String prefix) {
    this.failurePrefix = prefix;
    this.successPrintsOk = false;
  }

  /** The client may open a second connection at once after the first fails: one or two events, one cause. */
  protected final void reconnects() {
    this.reconnects = true;
  }

  @BeforeAll
  void startPeers() throws Exception {
    Processes.requireTools(false);
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-" + connector.getSimpleName());
    for (EngineScenario s : scenarios) {
      int port = Processes.freePort();
      ports.put(s, port);
      List<String> base = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + port, "-www"));
      base.addAll(everyPeer);
      Process p = Processes.start(s.peerCommand(base, pki), dir, "s_server-" + s.name);
      peers.add(p);
      Processes.awaitPort(port, p, Duration.ofSeconds(10), "s_server " + s.name);
    }
  }

  @AfterAll
  void stopPeers() {
    peers.forEach(Processes::stop);
    peers.clear();
  }

  Stream<Arguments> cases() {
    return EngineScenario.onEveryJdk(scenarios);
  }

  @ParameterizedTest(name = "{0} s_server {1}")
  @MethodSource("cases")
  void diagnosis(TestJdk jdk, EngineScenario s) {
    ForkedEngineClient run = run(jdk);
    int port = ports.get(s);
    String line = run.line(s.name);
    List<Map<String, Object>> events = run.clientEvents(port);
    String context = s.name + " on " + jdk + " (s_server port " + port + ")\nline: " + line + "\n" + run.jvm.describe();
    String actual = actualCause(events);
    CompatibilityLog.record(engine, library, String.valueOf(jdk.feature()), s.name, s.expected(), actual, captured(events));
    if (s.cause == null) {
      if (successPrintsOk) {
        assertEquals(s.name + ": ok", line, context);
      }
      assertEquals(0, events.size(), "no event for a successful handshake\n" + context);
      return;
    }
    assertTrue(line.startsWith(s.name + ": " + failurePrefix), context);
    if (reconnects) {
      assertTrue(events.size() == 1 || events.size() == 2, "one client event (two with a reconnect) for port " + port + "\n" + context);
    } else {
      assertEquals(1, events.size(), "exactly one client event for port " + port + "\n" + context);
    }
    Map<String, Object> event = events.get(events.size() - 1);
    assertEquals(s.cause, actual, "events: " + events + "\n" + context);
    assertEquals(APP_HOST, event.get("server.address"), "event: " + event + "\n" + context);
    assertTrue(line.contains("handshake-doctor: " + s.cause), "the application's exception carries the diagnosis\n" + context);
  }

  /** The one cause of the events, {@code none} without any, {@code several} when they disagree (or are too many). */
  private String actualCause(List<Map<String, Object>> events) {
    if (events.isEmpty()) {
      return "none";
    }
    long causes = events.stream().map(e -> e.get("handshake_doctor.cause")).distinct().count();
    return causes == 1 && (reconnects || events.size() == 1) ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : "several";
  }

  private Set<Captured> captured(List<Map<String, Object>> events) {
    return events.size() == 1 || (reconnects && !events.isEmpty()) ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class);
  }

  /** The line the forked client on {@code jdk} printed for {@code name} (a scenario, or what the connector reports besides). */
  protected final String forkedLine(TestJdk jdk, String name) {
    return run(jdk).line(name);
  }

  private ForkedEngineClient run(TestJdk jdk) {
    return runs.computeIfAbsent(jdk, key -> {
      try {
        ForkedJvm jvm = new ForkedJvm(dir, connector.getSimpleName() + "-" + jdk);
        List<String> args = new ArrayList<>();
        args.add(pki.file("root.pem").toString());
        for (EngineScenario s : scenarios) {
          args.add(s.name + "=" + APP_HOST + ":" + ports.get(s) + (s.clientOption == null ? "" : ":" + s.clientOption));
        }
        List<String> command = jvm.command(jdk, classPath.get(), connector, args);
        int exit = Processes.run(command, jvm.dir, "jvm", null, Duration.ofSeconds(120));
        assertEquals(0, exit, "the " + library + " exited " + exit + "\n" + jvm.describe());
        return new ForkedEngineClient(jvm);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }
}
