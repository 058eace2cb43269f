package io.handshakedoctor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.ObjectName;

/**
 * Whole-process measures of what the agent keeps and starts, printed as {@code key=value} lines
 * for run.sh to compare between variants:
 *
 * <ul>
 *   <li>{@code heap.inflight.per_handshake}: heap held per handshake pair in flight (client and
 *       server engines stopped after the server's first flight), in bytes;
 *   <li>{@code heap.retained.after}: heap still in use once {@code n} failed and {@code n} healthy
 *       handshakes have ended and their engines are dropped, relative to before them;
 *   <li>{@code histogram.agent.*}: instances and bytes of the agent's own classes in a heap
 *       histogram taken at that point (the lines follow as {@code histogram.line=});
 *   <li>{@code threads.started}: threads started in this JVM from start to end.
 * </ul>
 *
 * Usage: {@code HeapProbe [n=10000] [inflight=1000]}.
 */
public final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int inflight = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Quiet.apply();
    Pki.shared();

    // Warm-up: load and link everything both paths touch.
    handshakes(Math.min(n, 200));

    long base = usedAfterGc();
    handshakes(n);
    long after = usedAfterGc();
    System.out.println("heap.retained.after=" + (after - base));
    histogram();

    long before = inFlight(inflight);
    System.out.println("heap.inflight.retained.after=" + (usedAfterGc() - before));

    System.out.println(
        "threads.started=" + ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    System.out.println("threads.live=" + names);
  }

  /** In its own frame, so nothing of the in-flight pairs outlives it; returns the heap before. */
  private static long inFlight(int inflight) throws Exception {
    long before = usedAfterGc();
    List<EnginePair> pairs = new ArrayList<>(inflight);
    for (int i = 0; i < inflight; i++) {
      EnginePair pair =
          new EnginePair(Pki.shared().trustingClient, Pki.shared().server,
              i % 2 == 0 ? "TLSv1.3" : "TLSv1.2", i % 2 == 0 ? "TLSv1.3" : "TLSv1.2", 20 * 1024);
      pair.client.beginHandshake();
      pair.server.beginHandshake();
      pair.drive(1); // ClientHello out, server's first flight back; both still handshaking
      pairs.add(pair);
    }
    long held = usedAfterGc();
    System.out.println("heap.inflight.per_handshake=" + (held - before) / inflight);
    for (EnginePair pair : pairs) {
      if (!pair.drive(Integer.MAX_VALUE)) {
        throw new IllegalStateException("in-flight handshake failed", pair.clientFailure);
      }
      pair.invalidate();
    }
    return before;
  }

  /** {@code n} failed (both kinds alternately) then {@code n} healthy (1.3 and 1.2 alternately). */
  private static void handshakes(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      EnginePair pair =
          FailingHandshakeBenchmark.failingPair(i % 2 == 0 ? "untrusted" : "no_common_protocol");
      if (pair.handshake()) {
        throw new IllegalStateException("expected a failure");
      }
    }
    for (int i = 0; i < n; i++) {
      EnginePair pair = EnginePair.healthy(i % 2 == 0 ? "TLSv1.3" : "TLSv1.2");
      if (!pair.handshake()) {
        throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
      }
      pair.invalidate();
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static void histogram() throws Exception {
    String text =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    long instances = 0;
    long bytes = 0;
    for (String line : text.split("\n")) {
      if (!line.contains("io.handshakedoctor") || line.contains("io.handshakedoctor.bench")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      // "num:  #instances  #bytes  class name (module)"
      instances += Long.parseLong(f[1]);
      bytes += Long.parseLong(f[2]);
      System.out.println("histogram.line=" + line.trim());
    }
    System.out.println("histogram.agent.instances=" + instances);
    System.out.println("histogram.agent.bytes=" + bytes);
  }
}
