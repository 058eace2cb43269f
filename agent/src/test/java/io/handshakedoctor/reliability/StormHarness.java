package io.handshakedoctor.reliability;

import io.handshakedoctor.samples.TestPki;
import io.handshakedoctor.samples.Tls;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Forked-JVM main (run with or without the agent): failing in-memory SSLEngine handshakes from
 * many threads for a while, then key=value lines: the rate, the heap after warm-up and at the end
 * (each after a full GC), how many failures carried their own diagnosis naming their own peer, and
 * the agent's counters. Mode {@code storm}: delegated tasks inline, two causes by two peers.
 * Mode {@code interleave}: delegated tasks on a shared executor and a distinct peer per handshake,
 * so hooks of many connections run interleaved on the same threads.
 */
public final class StormHarness {
  static final String[] KINDS = {"untrusted", "protocol", "expired"};

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int seconds = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    boolean interleave = mode.equals("interleave");
    TestPki pki = TestPki.shared();
    TestPki.Credential leaf = pki.leaf("CN=storm.test").dnsNames("storm.test").ecKey("storm", "secp256r1").build();
    TestPki.Credential expired = pki.leaf("CN=expired.storm.test").dnsNames("storm.test").ecKey("storm", "secp256r1")
        .validBetween(java.time.Instant.now().minus(java.time.Duration.ofDays(60)), java.time.Instant.now().minus(java.time.Duration.ofDays(30)))
        .build();
    SSLContext server = Tls.serverContext(leaf);
    SSLContext expiredServer = Tls.serverContext(expired);
    SSLContext trusting = Tls.clientTrusting(pki.rootCa().certificate());
    SSLContext untrusting = Tls.clientTrusting(pki.unrelatedRootCa().certificate());
    ExecutorService tasks = interleave ? Executors.newFixedThreadPool(3) : null;

    AtomicLong failures = new AtomicLong();
    AtomicLong explained = new AtomicLong();
    AtomicLong successes = new AtomicLong();
    Map<String, String> causeByKind = new ConcurrentHashMap<>();
    List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong sequence = new AtomicLong();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    long warmUpEnd = System.nanoTime() + Math.min(10, seconds / 4 + 1) * 1_000_000_000L;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[] warmHeap = {-1};
    long[] warmFailures = {0};
    long[] warmAt = {0};
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            long n = sequence.incrementAndGet();
            String kind = KINDS[(int) (n % KINDS.length)];
            String host = interleave ? "peer-" + n + ".test" : (n % 2 == 0 ? "peer-a.test" : "peer-b.test");
            int port = interleave ? (int) (1 + n % 60000) : (n % 2 == 0 ? 1001 : 1002);
            SSLEngine client = (kind.equals("untrusted") ? untrusting : trusting).createSSLEngine(host, port);
            client.setUseClientMode(true);
            SSLEngine srv = (kind.equals("expired") ? expiredServer : server).createSSLEngine("client-" + (n % 2) + ".test", 2000);
            srv.setUseClientMode(false);
            if (kind.equals("protocol")) {
              client.setEnabledProtocols(new String[] {"TLSv1.3"});
              srv.setEnabledProtocols(new String[] {"TLSv1.2"});
            }
            SSLException failure = EnginePair.handshake(client, srv, tasks);
            if (failure == null) {
              successes.incrementAndGet();
              continue;
            }
            failures.incrementAndGet();
            String diagnosis = diagnosisOf(failure);
            if (diagnosis != null) {
              String cause = diagnosis.substring("handshake-doctor: ".length(), diagnosis.indexOf(':', "handshake-doctor: ".length()));
              String previous = causeByKind.putIfAbsent(kind, cause);
              boolean ownPeer = diagnosis.contains(host);
              boolean otherPeer = interleave && mentionsOtherPeer(diagnosis, host);
              if ((previous == null || previous.equals(cause)) && ownPeer && !otherPeer) {
                explained.incrementAndGet();
              } else if (mismatches.size() < 20) {
                mismatches.add(kind + " " + host + ": " + diagnosis);
              }
            }
          }
        } catch (Throwable e) {
          e.printStackTrace();
          mismatches.add("worker died: " + e);
        }
      }, "storm-" + t);
      workers.add(worker);
      worker.start();
    }
    while (System.nanoTime() < warmUpEnd) {
      Thread.sleep(50);
    }
    warmHeap[0] = usedHeapAfterGc(memory);
    warmFailures[0] = failures.get();
    warmAt[0] = System.nanoTime();
    for (Thread w : workers) {
      w.join();
    }
    double measuredSeconds = (System.nanoTime() - warmAt[0]) / 1e9;
    if (tasks != null) {
      tasks.shutdown();
    }
    long endHeap = usedHeapAfterGc(memory);
    System.out.println("failures=" + failures.get());
    System.out.println("successes=" + successes.get());
    System.out.println("explained=" + explained.get());
    System.out.println("rate=" + (long) ((failures.get() - warmFailures[0]) / measuredSeconds));
    System.out.println("heap.warm=" + warmHeap[0]);
    System.out.println("heap.end=" + endHeap);
    System.out.println("causes=" + new java.util.TreeMap<>(causeByKind));
    System.out.println("mismatches=" + mismatches.size());
    for (String m : mismatches) {
      System.out.println("mismatch: " + m);
    }
    AgentProbe.print();
  }

  private static boolean mentionsOtherPeer(String diagnosis, String host) {
    int i = diagnosis.indexOf("peer-");
    while (i >= 0) {
      int endName = diagnosis.indexOf(".test", i);
      if (endName > 0 && !diagnosis.startsWith(host, i)) {
        return true;
      }
      i = diagnosis.indexOf("peer-", i + 1);
    }
    return false;
  }

  static String diagnosisOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (s.getMessage() != null && s.getMessage().startsWith("handshake-doctor: ")) {
          return s.getMessage();
        }
      }
    }
    return null;
  }

  static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
