package io.handshakedoctor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * CPU time per operation of the in-memory workloads, measured with the benchmark thread's own CPU
 * clock ({@code ThreadMXBean.getCurrentThreadCpuTime}, user + system). Every in-memory workload
 * runs entirely on that thread (delegated tasks inline, events file written there), so on a
 * machine shared with other jobs this is far steadier than JMH's wall-clock throughput, which
 * measures the share of the CPU the scheduler gave us as much as the work. It is the measure the
 * issue's {@code javax.net.debug} anchor (2.2x CPU per handshake) is stated in.
 *
 * <p>Also reads the thread's allocation counter: every byte the workload allocates (JSSE's, the
 * agent's) is allocated on this thread, so {@code alloc.<workload>} compared between variants is
 * the agent's effect on allocation per operation, direct or indirect.
 *
 * <p>Prints {@code cpu.<workload>=<ns per op>} and {@code alloc.<workload>=<bytes per op>} lines. Usage: {@code CpuProbe [warm=1000]
 * [ops=1000] [only]} (handshakes; the data path runs 20 times as many records; {@code only}: run
 * just the workloads whose name contains it, e.g. {@code EngineHandshake}).
 */
public final class CpuProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOCATION =
      THREADS instanceof com.sun.management.ThreadMXBean
          ? (com.sun.management.ThreadMXBean) THREADS
          : null;

  private interface Op {
    void run() throws Exception;
  }

  private static String only = "";

  private CpuProbe() {}

  public static void main(String[] args) throws Exception {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    only = args.length > 2 ? args[2] : "";
    Quiet.apply();
    Pki.shared();
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      Op handshake =
          () -> {
            EnginePair pair = EnginePair.healthy(protocol);
            if (!pair.handshake()) {
              throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
            }
            pair.invalidate();
          };
      report("EngineHandshake " + protocol, handshake, warm, ops);
    }
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      EnginePair pair = EnginePair.healthy(protocol);
      if (!pair.handshake()) {
        throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
      }
      ByteBuffer record = ByteBuffer.allocate(16 * 1024);
      report("DataPath " + protocol, () -> pair.clientToServer(record), warm * 20, ops * 20);
    }
    for (String failure : new String[] {"untrusted", "no_common_protocol"}) {
      Op failing =
          () -> {
            EnginePair pair = FailingHandshakeBenchmark.failingPair(failure);
            if (pair.handshake() || pair.clientFailure == null) {
              throw new IllegalStateException("expected a failure: " + failure);
            }
          };
      report("FailingHandshake " + failure, failing, warm, ops);
    }
  }

  private static void report(String name, Op op, int warm, int ops) throws Exception {
    if (!name.contains(only)) {
      return;
    }
    for (int i = 0; i < warm; i++) {
      op.run();
    }
    long self = Thread.currentThread().getId();
    long alloc0 = ALLOCATION == null ? 0 : ALLOCATION.getThreadAllocatedBytes(self);
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < ops; i++) {
      op.run();
    }
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    long alloc = ALLOCATION == null ? 0 : ALLOCATION.getThreadAllocatedBytes(self) - alloc0;
    System.out.println("cpu." + name.replace(' ', '.') + "=" + cpu / ops);
    if (ALLOCATION != null) {
      System.out.println("alloc." + name.replace(' ', '.') + "=" + alloc / ops);
    }
  }
}
