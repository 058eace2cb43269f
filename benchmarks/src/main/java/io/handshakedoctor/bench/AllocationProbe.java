package io.handshakedoctor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The agent's own allocation on healthy handshakes, attributed by stack: after a warm-up, records
 * {@code n} healthy handshakes (TLS 1.3 and 1.2 alternately) with JFR's TLAB allocation events
 * and sums the sampled weight of every allocation made while an agent frame is on the stack.
 * JMH's {@code gc.alloc.rate.norm} gives the whole JVM's allocation per handshake (~1 MB of
 * JSSE's own), too coarse to see a few hundred bytes; this sees them where they are made.
 *
 * <p>Prints {@code alloc.agent.bytes_per_handshake} (an estimate: TLAB events sample allocation
 * in proportion to bytes), {@code alloc.total.bytes_per_handshake} on the same basis, and the top
 * agent allocation sites. Usage: {@code AllocationProbe [n=5000] [warm=max(500, n/2)]}.
 */
public final class AllocationProbe {
  private AllocationProbe() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Quiet.apply();
    Pki.shared();
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(500, n / 2);
    handshakes(warm); // warm: JIT, agent pools and tables

    Path file = Files.createTempFile("allocation-probe", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
      recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
      recording.setToDisk(true);
      recording.start();
      handshakes(n);
      recording.stop();
      recording.dump(file);
    }

    long total = 0;
    long agent = 0;
    long samples = 0;
    long agentSamples = 0;
    Map<String, Long> sites = new TreeMap<>();
    Map<String, Long> hotAgentFrames = new TreeMap<>();
    Map<String, Long> topFrames = new TreeMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      long weight;
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        topFrames.merge(topFrame(e), 1L, Long::sum);
        String site = agentFrame(e);
        if (site != null) {
          agentSamples++;
          hotAgentFrames.merge(site + " <- top " + topFrame(e), 1L, Long::sum);
        }
        continue;
      } else if (type.equals("jdk.ObjectAllocationInNewTLAB")) {
        weight = e.getLong("tlabSize");
      } else if (type.equals("jdk.ObjectAllocationOutsideTLAB")) {
        weight = e.getLong("allocationSize");
      } else {
        continue;
      }
      total += weight;
      String site = agentFrame(e);
      if (site != null) {
        agent += weight;
        sites.merge(site + " (" + e.getClass("objectClass").getName() + ")", weight, Long::sum);
      }
    }
    Files.deleteIfExists(file);
    System.out.println("alloc.handshakes=" + n);
    System.out.println("alloc.total.bytes_per_handshake=" + total / n);
    System.out.println("alloc.agent.bytes_per_handshake=" + agent / n);
    System.out.println("cpu.samples=" + samples);
    System.out.println("cpu.agent.samples=" + agentSamples);
    hotAgentFrames.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(10)
        .forEach(s -> System.out.println("cpu.agent.site=" + s.getValue() + " samples " + s.getKey()));
    topFrames.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(Integer.getInteger("probe.top", 0))
        .forEach(s -> System.out.println("cpu.top=" + s.getValue() + " " + s.getKey()));
    sites.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(10)
        .forEach(s -> System.out.println("alloc.agent.site=" + s.getValue() / n + " B/handshake " + s.getKey()));
  }

  private static String topFrame(RecordedEvent e) {
    if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
      return "?";
    }
    RecordedFrame f = e.getStackTrace().getFrames().get(0);
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The innermost frame of the agent's on the stack (bootstrap hooks included), or null. */
  private static String agentFrame(RecordedEvent e) {
    if (e.getStackTrace() == null) {
      return null;
    }
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      String type = f.getMethod().getType().getName();
      if (type.startsWith("io.handshakedoctor.") && !type.startsWith("io.handshakedoctor.bench.")) {
        return type + "." + f.getMethod().getName() + ":" + f.getLineNumber();
      }
    }
    return null;
  }

  private static void handshakes(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      EnginePair pair = EnginePair.healthy(i % 2 == 0 ? "TLSv1.3" : "TLSv1.2");
      if (!pair.handshake()) {
        throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
      }
      pair.invalidate();
    }
  }
}
