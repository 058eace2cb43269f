package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile peers against a JSSE server with the agent attached (see {@link HostilePeerHarness}):
 * oversized hellos, endless fragments, garbage after a hello, silence, closes mid-record, and more
 * stalled connections than the agent's in-flight cap. The host's outcomes are those without the
 * agent; while the peers stall, no capture holds more than {@code capture.max.bytes} plus the
 * 64-byte peer sample and no more captures are held than {@code capture.max.inflight}; once the
 * connections are gone nothing is held; a healthy handshake still works; no internal fault.
 */
class HostilePeerIT {
  private static final int MAX_BYTES = 4096;
  private static final int MAX_IN_FLIGHT = 16;
  private static final int PEER_SAMPLE = 64;

  static List<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void hostilePeersNeitherHarmTheHostNorGrowTheAgentBeyondItsCaps(String java) throws Exception {
    Forked plain = Forked.harness(java, null, List.of(), HostilePeerHarness.class);
    Forked agent =
        Forked.harness(
            java,
            "log=stderr,dedup.interval=0,capture.max.bytes=" + MAX_BYTES + ",capture.max.inflight=" + MAX_IN_FLIGHT,
            List.of(),
            HostilePeerHarness.class);
    assertEquals(0, plain.exitCode, plain::describe);
    assertEquals(0, agent.exitCode, agent::describe);

    Map<String, String> withAgent = outcomes(agent);
    assertEquals(outcomes(plain), withAgent, "the host's outcomes with and without the agent");
    assertEquals(14, withAgent.size(), withAgent::toString);
    assertEquals("ok", agent.value("healthy"), agent::describe);
    assertEquals(plain.value("stalled.failed"), agent.value("stalled.failed"));

    // While the peers stall: the caps hold.
    String during = phase(agent.stdout, "stalled");
    long inFlight = number(during, "agent.inflight");
    long maxHeld = number(during, "agent.max.held.bytes");
    long held = number(during, "agent.held.bytes");
    assertTrue(inFlight > 0 && inFlight <= MAX_IN_FLIGHT, () -> "in flight: " + inFlight + "\n" + agent.describe());
    assertTrue(maxHeld <= MAX_BYTES + PEER_SAMPLE, () -> "one capture holds " + maxHeld + "\n" + agent.describe());
    assertTrue(maxHeld > 0, () -> "the stalled handshakes were not captured at all\n" + agent.describe());
    assertTrue(held <= (long) MAX_IN_FLIGHT * (MAX_BYTES + PEER_SAMPLE), () -> "held " + held);

    // Afterwards: nothing held, no fault, and the failures were diagnosed.
    String end = phase(agent.stdout, "end");
    assertEquals(0, number(end, "agent.inflight"), agent::describe);
    assertEquals(0, number(end, "agent.held.bytes"), agent::describe);
    assertEquals(0, number(end, "agent.internal.errors"), agent::describe);
    assertFalse(agent.stderr.contains("internal error"), agent::describe);
    assertFalse(agent.stderr.contains("Exception in thread"), agent::describe);

    List<String> events = agent.eventLines();
    assertTrue(events.size() >= 8, () -> events.size() + " events\n" + agent.describe());
    Gson gson = new Gson();
    for (String line : events) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = gson.fromJson(line, Map.class);
      assertTrue(e.get("handshake_doctor.cause") instanceof String, line);
      assertTrue(line.length() < 64 * 1024, "an event stays small whatever the peer sent");
    }
    // JSSE's own message-size limit, on the socket and the engine server, in this JDK's words.
    long tooLarge = events.stream().filter(l -> l.contains("\"handshake_doctor.cause\":\"handshake_message_too_large\"")).count();
    assertEquals(2, tooLarge, () -> String.join("\n", events));
    // The only non-TLS bytes follow a valid hello: no peer here is a plain-text port.
    assertTrue(events.stream().noneMatch(l -> l.contains("\"handshake_doctor.cause\":\"non_tls_peer\"")),
        () -> String.join("\n", events));
  }

  private static Map<String, String> outcomes(Forked run) {
    Map<String, String> out = new TreeMap<>();
    for (String line : run.stdout.split("\n")) {
      if (line.startsWith("outcome.")) {
        int eq = line.indexOf('=');
        out.put(line.substring("outcome.".length(), eq), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** The lines printed after "phase=name" up to the next phase. */
  private static String phase(String stdout, String name) {
    int start = stdout.indexOf("phase=" + name);
    assertTrue(start >= 0, "no phase " + name + " in\n" + stdout);
    int next = stdout.indexOf("phase=", start + 1);
    return next < 0 ? stdout.substring(start) : stdout.substring(start, next);
  }

  private static long number(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + "=")) {
        return Long.parseLong(line.substring(key.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + key + " in\n" + text);
  }
}
