package io.handshakedoctor.reliability;

import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An internet-facing server under the agent with its default settings (plus an events file) takes
 * a scan from {@value #ADDRESSES} distinct addresses while its own client hits an expired
 * certificate once. The log and the events file stay a few dozen entries whose counts add up to
 * every failure; the client's own failure comes through at once, at WARN, while the scan logs at
 * INFO; a healthy client still connects; the heap stays flat. Figures in docs/reliability.md.
 */
class ScanIT {
  private static final int ADDRESSES = Integer.getInteger("scan.addresses", 6000);
  private static final int MAX_AGENT_LINES = 40;
  private static final long HEAP_SLACK = 8L << 20;

  static List<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void aScanFromThousandsOfAddressesStaysAFewDozenReportsThatCountEveryFailure(String java) throws Exception {
    Forked run = Forked.harness(java, "", List.of("-Xmx256m"), ScanHarness.class, String.valueOf(ADDRESSES));
    assertEquals(0, run.exitCode, run::describe);
    long failures = run.number("failures.server") + run.number("failures.client");
    assertEquals(1, run.number("failures.client"), run::describe);
    assertTrue(run.number("failures.server") >= ADDRESSES, run::describe);
    assertEquals(failures, run.number("agent.failures"), () -> "the agent's count misses failures: " + run.describe());
    assertEquals("true", run.value("healthy"), run::describe);
    long heapGrowth = run.number("heap.end") - run.number("heap.warm");
    assertTrue(heapGrowth < HEAP_SLACK, () -> "heap grew by " + heapGrowth + ": " + run.describe());

    // The application's output: JUL's console handler, "LEVEL: message" under a header line.
    List<String> agentLines = (run.stderr + run.stdout).lines()
        .filter(l -> l.contains("handshake-doctor: ")).collect(Collectors.toList());
    assertTrue(agentLines.size() <= MAX_AGENT_LINES, () -> agentLines.size() + " agent lines: " + run.describe());
    assertTrue(agentLines.stream().anyMatch(l -> l.startsWith("WARNING: handshake-doctor: TLS client handshake with "
        + ScanHarness.HOST) && l.contains("certificate_expired")), () -> String.join("\n", agentLines));
    // The summaries come at exit here (the scan is shorter than the interval): JUL has closed its
    // handlers by then, so they go to standard error as they are.
    assertTrue(agentLines.stream().anyMatch(l -> l.startsWith("handshake-doctor: TLS server handshakes failed")
        && l.contains("offered only TLSv1")), () -> String.join("\n", agentLines));
    assertTrue(agentLines.stream().anyMatch(l -> l.startsWith("INFO: handshake-doctor: TLS server handshake with")),
        () -> String.join("\n", agentLines));
    assertTrue(agentLines.stream().noneMatch(l -> l.startsWith("WARNING: handshake-doctor: TLS server")
        && !l.contains("certificate_expired")), () -> "a scan line at WARN:\n" + String.join("\n", agentLines));

    Gson gson = new Gson();
    List<String> events = run.eventLines();
    assertTrue(events.size() <= MAX_AGENT_LINES, () -> events.size() + " events");
    long standsFor = 0;
    long expiredEventAt = -1;
    List<String> summaries = new ArrayList<>();
    for (String line : events) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = gson.fromJson(line, Map.class);
      Object repeat = e.get("handshake_doctor.repeat.count");
      standsFor += repeat == null ? 1 : ((Number) repeat).longValue();
      if ("client".equals(e.get("handshake_doctor.side")) && "certificate_expired".equals(e.get("handshake_doctor.cause"))) {
        expiredEventAt = Instant.parse((String) e.get("timestamp")).toEpochMilli();
      }
      if (e.containsKey("handshake_doctor.aggregate.text")) {
        summaries.add(e.get("handshake_doctor.aggregate.peers.distinct") + " " + e.get("handshake_doctor.aggregate.text"));
      }
    }
    long accounted = standsFor;
    assertEquals(failures, accounted, () -> "the events stand for " + accounted + " of " + failures + " failures");
    long delay = expiredEventAt - run.number("expired.at");
    assertTrue(expiredEventAt > 0 && delay <= 1000, () -> "the own call's failure came after " + delay + " ms");
    assertTrue(summaries.size() >= 3, summaries::toString);
    System.out.printf("scan on %s: %d failures from %d addresses in %ds; %d agent lines, %d events (%d summaries, %d bytes); "
            + "expired-certificate event %d ms after the failure; heap %+d bytes%n%s%n",
        java, failures, ADDRESSES, run.number("scan.seconds"), agentLines.size(), events.size(), summaries.size(),
        Files.size(run.events), delay, heapGrowth, String.join("\n", summaries));
  }
}
