package io.handshakedoctor.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *       event (a pause the service sees while the agent loads and weaves JSSE).
 * </ul>
 *
 * <p>Usage: {@code AttachProbe <agent.jar> <java>}; the class path must hold the benchmarks.
 */
public final class AttachProbe {
  private AttachProbe() {}

  public static void main(String[] args) throws Exception {
    String agentJar = args[0];
    String java = args.length > 1 ? args[1] : "java";
    Path dir = Files.createTempDirectory("hd-attach-probe");
    Path events = dir.resolve("events.jsonl");
    Process service =
        new ProcessBuilder(java, "-Djdk.attach.allowAttachSelf=false", "-cp",
                System.getProperty("java.class.path"), Service.class.getName())
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
      while (!Files.exists(events) || Files.size(events) == 0) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("no event 30 s after attaching");
        }
        Thread.sleep(1);
      }
      long firstEvent = System.nanoTime();
      in.println("report");
      String before = out.readLine();
      String during = out.readLine();
      System.out.println("attach.command=" + millis(attached - start));
      System.out.println("attach.first_event=" + millis(firstEvent - start));
      System.out.println("service.pause.before=" + before);
      System.out.println("service.pause.during=" + during);
    } finally {
      service.destroyForcibly();
    }
  }

  private static String millis(long nanos) {
    return String.format("%.1f", nanos / 1e6);
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
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (int i = 0; ; i++) {
                    long t0 = System.nanoTime();
                    EnginePair pair =
                        i % 5 == 4
                            ? new EnginePair(pki.untrustingClient, pki.server, "TLSv1.3", "TLSv1.3")
                            : EnginePair.healthy("TLSv1.3");
                    pair.handshake();
                    long took = System.nanoTime() - t0;
                    synchronized (longest) {
                      longest[window[0]] = Math.max(longest[window[0]], took);
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
          } else if (line.equals("report")) {
            System.out.println(millis(longest[0]));
            System.out.println(millis(longest[1]));
            System.out.flush();
          }
        }
      }
    }
  }
}
