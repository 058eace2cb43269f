package io.handshakedoctor.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attaching to a running service: {@code java -jar handshake-doctor.jar <pid>}, timed from the
 * outside. The service (a child JVM, {@link Service}) has JSSE loaded and warm: it runs one
 * in-memory handshake every 10 ms, healthy ones and every fifth failing (untrusted certificate),
 * and records how long each took. Printed, in milliseconds:
 *
 * <ul>
 *   <li>{@code attach.command}: the wall time of the attach command (a JVM of its own);
 *   <li>{@code attach.first_event}: from the attach command's start to the first diagnosed failure
 *       in the agent's events file;
 *   <li>{@code service.pause.before} / {@code service.pause.during}: the longest handshake
 *       iteration of the service in the second before the attach and from the attach to the first
 *       event (a pause the service sees while the agent loads and weaves JSSE);
 *   <li>{@code service.pause.healthy}: the longest healthy handshake in that window (it spans the
 *       agent's retransformation of the loaded JSSE classes);
 *   <li>{@code service.pause.first_failure}: the first failing handshake that started after the
 *       agent had started (its failures are the first ones diagnosed);
 *   <li>{@code service.slowest}: the five slowest iterations of that window, each as {@code
 *       duration@start} in milliseconds from the attach command's start, {@code F} marking a
 *       failing one, {@code A} one that started with the agent running, {@code +} one still running
 *       at the first event (counted as far as it got);
 *   <li>{@code service.mark_nanos}: the service's {@code System.nanoTime()} at the attach command's
 *       start, to place these in a log of the service decorated with {@code timenanos}.
 * </ul>
 *
 * <p>Usage: {@code AttachProbe <agent.jar> <java> [service JVM option...]} (for example {@code
 * -Xlog:safepoint:file=/tmp/sp.txt:uptime}); the class path must hold the benchmarks.
 */
public final class AttachProbe {
  private static final String FAILURE_EVENT = "\"event.name\":\"handshake_doctor.handshake.failure\"";

  private AttachProbe() {}

  public static void main(String[] args) throws Exception {
    String agentJar = args[0];
    String java = args.length > 1 ? args[1] : "java";
    Path dir = Files.createTempDirectory("hd-attach-probe");
    Path events = dir.resolve("events.jsonl");
    List<String> command = new ArrayList<>(List.of(java, "-Djdk.attach.allowAttachSelf=false"));
    command.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Service.class.getName()));
    Process service =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter in = new PrintWriter(service.getOutputStream(), true, StandardCharsets.UTF_8);
      if (!"ready".equals(out.readLine())) {
        throw new IllegalStateException("service did not start");
      }
      Thread.sleep(2000); // warm: JSSE loaded, handshakes compiled
      in.println("reset");
      Thread.sleep(1000);
      in.println("mark");
      long start = System.nanoTime();
      Process attach =
          new ProcessBuilder(java, "-jar", agentJar, Long.toString(service.pid()),
                  "log=off,dedup.interval=0,events.file=" + events)
              .redirectErrorStream(true)
              .redirectOutput(new File(dir.toFile(), "attach.out"))
              .start();
      if (!attach.waitFor(60, TimeUnit.SECONDS) || attach.exitValue() != 0) {
        throw new IllegalStateException("attach failed: " + Files.readString(dir.resolve("attach.out")));
      }
      long attached = System.nanoTime();
      // The first failure event: the inventory may write a warning (the probe's certificate
      // expires soon) before it.
      while (!Files.exists(events) || !Files.readString(events).contains(FAILURE_EVENT)) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("no failure event 30 s after attaching");
        }
        Thread.sleep(1);
      }
      long firstEvent = System.nanoTime();
      in.println("report");
      String before = out.readLine();
      String during = out.readLine();
      String healthy = out.readLine();
      String firstFailure = out.readLine();
      String slowest = out.readLine();
      String markNanos = out.readLine();
      System.out.println("attach.command=" + millis(attached - start));
      System.out.println("attach.first_event=" + millis(firstEvent - start));
      System.out.println("service.pause.before=" + before);
      System.out.println("service.pause.during=" + during);
      System.out.println("service.pause.healthy=" + healthy);
      System.out.println("service.pause.first_failure=" + firstFailure);
      System.out.println("service.slowest=" + slowest);
      System.out.println("service.mark_nanos=" + markNanos);
    } finally {
      service.destroy(); // an orderly exit: a flight recording of the service is written
      if (!service.waitFor(10, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
  }

  private static String millis(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }

  /** One handshake iteration after the mark. */
  private static final class Iteration {
    final long startNanos;
    final long tookNanos;
    final boolean failing;
    final boolean agentRunning;
    final boolean finished;

    Iteration(long startNanos, long tookNanos, boolean failing, boolean agentRunning, boolean finished) {
      this.startNanos = startNanos;
      this.tookNanos = tookNanos;
      this.failing = failing;
      this.agentRunning = agentRunning;
      this.finished = finished;
    }

    String describe(long markNanos) {
      return millis(tookNanos) + "@" + millis(startNanos - markNanos) + (failing ? "F" : "") + (agentRunning ? "A" : "")
          + (finished ? "" : "+");
    }
  }

  /** The attached-to service: a handshake every 10 ms, the longest iteration per window. */
  public static final class Service {
    private Service() {}

    public static void main(String[] args) throws Exception {
      Pki pki = Pki.shared();
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      long[] longest = new long[2]; // [0] before the mark, [1] since
      int[] window = {0};
      long[] mark = {0};
      long[] current = {0}; // the start of the iteration in progress, 0 between iterations
      boolean[] currentKind = new boolean[2]; // its failing and agentRunning
      List<Iteration> since = new ArrayList<>(); // the iterations after the mark
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (int i = 0; ; i++) {
                    long t0 = System.nanoTime();
                    boolean agentRunning = System.getProperty("handshake.doctor.started") != null;
                    boolean failing = i % 5 == 4;
                    synchronized (longest) {
                      current[0] = t0;
                      currentKind[0] = failing;
                      currentKind[1] = agentRunning;
                    }
                    EnginePair pair =
                        failing
                            ? new EnginePair(pki.untrustingClient, pki.server, "TLSv1.3", "TLSv1.3")
                            : EnginePair.healthy("TLSv1.3");
                    pair.handshake();
                    long took = System.nanoTime() - t0;
                    synchronized (longest) {
                      longest[window[0]] = Math.max(longest[window[0]], took);
                      if (window[0] == 1) {
                        since.add(new Iteration(t0, took, failing, agentRunning, true));
                      }
                      current[0] = 0;
                    }
                    Thread.sleep(10);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "service");
      worker.setDaemon(true);
      worker.start();
      System.out.println("ready");
      System.out.flush();
      for (String line; (line = commands.readLine()) != null; ) {
        synchronized (longest) {
          if (line.equals("reset")) {
            longest[0] = 0; // the window before the attach starts once the service is warm
          } else if (line.equals("mark")) {
            window[0] = 1;
            mark[0] = System.nanoTime();
          } else if (line.equals("report")) {
            if (current[0] != 0) {
              // Not finished yet (it may be the one writing the event): counted as far as it got.
              long took = System.nanoTime() - current[0];
              longest[1] = Math.max(longest[1], took);
              since.add(new Iteration(current[0], took, currentKind[0], currentKind[1], false));
            }
            System.out.println(millis(longest[0]));
            System.out.println(millis(longest[1]));
            long healthy = 0;
            String firstFailure = "none";
            for (Iteration it : since) {
              if (!it.failing) {
                healthy = Math.max(healthy, it.tookNanos);
              } else if (it.agentRunning && firstFailure.equals("none")) {
                firstFailure = millis(it.tookNanos);
              }
            }
            System.out.println(millis(healthy));
            System.out.println(firstFailure);
            List<Iteration> slowest = new ArrayList<>(since);
            slowest.sort(Comparator.comparingLong((Iteration it) -> it.tookNanos).reversed());
            StringBuilder line5 = new StringBuilder();
            for (Iteration it : slowest.subList(0, Math.min(5, slowest.size()))) {
              line5.append(line5.length() == 0 ? "" : " ").append(it.describe(mark[0]));
            }
            System.out.println(line5);
            System.out.println(mark[0]);
            System.out.flush();
          }
        }
      }
    }
  }
}
