package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failing handshakes at full rate from many threads. CI runs {@code storm.seconds} (default 20)
 * per JVM; {@code -Dstorm.seconds=60} is the long run. With the agent: the heap stays flat, the
 * events file and the log line hold one entry per side, cause and peer per interval with the
 * count of the failures each stands for, every failing exception still carries its own diagnosis,
 * and the rate stays within the failing-handshake budget (at least half the rate without the
 * agent). A second test interleaves many connections' hooks on shared executor threads and checks
 * every diagnosis names its own connection's peer and cause.
 */
class StormIT {
  private static final int SECONDS = Integer.getInteger("storm.seconds", 20);
  private static final int THREADS = Integer.getInteger("storm.threads", 4);
  private static final int DEDUP_SECONDS = 5;
  /** Heap growth allowed between warm-up and the end (each after a full GC): no per-failure retention. */
  private static final long HEAP_SLACK = 8L << 20;

  @Test
  void aStormOfFailuresKeepsTheHeapFlatTheLogsSummarisedAndEveryExceptionExplained() throws Exception {
    Forked plain = Forked.harness(Forked.defaultJava(), null, List.of("-Xmx256m"),
        StormHarness.class, "storm", String.valueOf(SECONDS), String.valueOf(THREADS));
    Forked agent = Forked.harness(Forked.defaultJava(), "log=stderr,dedup.interval=" + DEDUP_SECONDS,
        List.of("-Xmx256m"), StormHarness.class, "storm", String.valueOf(SECONDS), String.valueOf(THREADS));
    assertEquals(0, agent.exitCode, agent::describe);
    long failures = agent.number("failures");
    assertTrue(failures > 100, agent::describe);
    assertEquals(failures, agent.number("explained"), agent::describe);
    assertEquals(0, agent.number("mismatches"), agent::describe);
    assertEquals(0, agent.number("agent.internal.errors"), agent::describe);
    assertEquals(0, agent.number("agent.inflight"), agent::describe);
    assertTrue(agent.number("heap.end") - agent.number("heap.warm") < HEAP_SLACK,
        () -> "heap grew: " + agent.describe());

    double ratio = (double) agent.number("rate") / Math.max(1, plain.number("rate"));
    System.out.printf("storm: %d failures in %ds, %d/s with the agent, %d/s without (%.2fx); heap %d -> %d%n",
        failures, SECONDS, agent.number("rate"), plain.number("rate"), ratio,
        agent.number("heap.warm"), agent.number("heap.end"));
    assertTrue(ratio >= 0.5, () -> "failing-handshake budget missed: " + ratio + "\n" + agent.describe());

    // Client side: 3 causes x 2 peers; server side: 3 causes x 2 client hosts (ports ignored).
    int keys = 12;
    long intervals = SECONDS / DEDUP_SECONDS + 2;
    List<String> lines = agent.eventLines();
    assertTrue(lines.size() <= keys * intervals, () -> lines.size() + " event lines for " + failures + " failures");
    Map<String, Long> distinct = new HashMap<>();
    long standsFor = 0;
    Gson gson = new Gson();
    for (String line : lines) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = gson.fromJson(line, Map.class);
      Object repeat = e.get("handshake_doctor.repeat.count");
      standsFor += repeat == null ? 1 : ((Number) repeat).longValue();
      distinct.merge(e.get("handshake_doctor.side") + " " + e.get("handshake_doctor.cause"), 1L, Long::sum);
    }
    assertEquals(6, distinct.size(), distinct::toString);
    // Each failing pair fails on both sides; the counts held back at exit were written then, so
    // the entries account for every failure exactly.
    long accounted = standsFor;
    assertEquals(2 * failures, accounted, () -> "the entries stand for " + accounted + " of " + 2 * failures + " failures");
    long logLines = Forked.count(agent.stderr, "handshake-doctor: TLS ");
    assertEquals(lines.size(), logLines, agent::describe);
  }

  @Test
  void interleavedHandshakesOnSharedThreadsNeverMixEvidence() throws Exception {
    // dedup.interval=0 writes every failure; a quiet machine passes the default 10MB cap in 15 s.
    Forked agent = Forked.harness(Forked.defaultJava(), "log=off,dedup.interval=0,events.file.max.size=1GB", List.of(),
        StormHarness.class, "interleave", String.valueOf(Math.min(SECONDS, 15)), "6");
    assertEquals(0, agent.exitCode, agent::describe);
    long failures = agent.number("failures");
    assertTrue(failures > 50, agent::describe);
    assertEquals(0, agent.number("mismatches"), agent::describe);
    assertEquals(failures, agent.number("explained"), agent::describe);
    assertEquals(0, agent.number("agent.internal.errors"), agent::describe);
    // dedup.interval=0: one event per failure on each side, each naming its own peer.
    List<String> lines = agent.eventLines();
    assertEquals(2 * failures, lines.size(), agent::describe);
    Gson gson = new Gson();
    Map<String, String> causeByPeer = new HashMap<>();
    for (String line : lines) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = gson.fromJson(line, Map.class);
      if ("client".equals(e.get("handshake_doctor.side"))) {
        String peer = String.valueOf(e.get("server.address"));
        assertTrue(peer.startsWith("peer-"), line);
        long n = Long.parseLong(peer.substring(5, peer.indexOf('.')));
        String expected = StormHarness.KINDS[(int) (n % StormHarness.KINDS.length)];
        String cause = String.valueOf(e.get("handshake_doctor.cause"));
        String seen = causeByPeer.putIfAbsent(expected, cause);
        assertTrue(seen == null || seen.equals(cause), "connection " + peer + " got another connection's cause: " + line);
      }
    }
    assertEquals(3, causeByPeer.size(), causeByPeer::toString);
  }
}
