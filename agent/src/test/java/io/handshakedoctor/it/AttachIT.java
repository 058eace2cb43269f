package io.handshakedoctor.it;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attached to a JVM that already runs (and has JSSE loaded), the agent diagnoses what follows. */
class AttachIT {

  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void attachingToARunningJvmDiagnosesItsNextFailures(TestJdk jdk) throws Exception {
    Path events = Files.createTempDirectory("hd-attach").resolve("events.jsonl");
    String classPath =
        Paths.get("target/test-classes").toAbsolutePath() + java.io.File.pathSeparator + BuiltJars.SAMPLES;
    Process target =
        new ProcessBuilder(jdk.java(), "-cp", classPath, AttachTarget.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine());
      Thread.sleep(1500); // let it fail a few handshakes without the agent: JSSE is loaded
      Process attach =
          new ProcessBuilder(
                  jdk.java(), "-jar", BuiltJars.AGENT.toString(), Long.toString(target.pid()),
                  "log=off,dedup.interval=0,events.file=" + events)
              .redirectErrorStream(true)
              .start();
      String attachOutput = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(attach.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, attach.exitValue(), attachOutput);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      // A handshake already past its Certificate message when the hooks were woven is reported with what was
      // still visible (no chain); the handshakes that start afterwards are diagnosed in full.
      while (System.nanoTime() < deadline && !hasCause(events, "untrusted_self_signed")) {
        Thread.sleep(200);
      }
      List<String> lines = Files.exists(events) ? Files.readAllLines(events) : List.of();
      assertTrue(!lines.isEmpty(), "no event after attaching: " + attachOutput);
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"handshake_doctor.cause\":\"untrusted_self_signed\"")), lines::toString);
    } finally {
      target.destroyForcibly();
    }
  }

  private static boolean hasCause(Path events, String cause) throws java.io.IOException {
    return Files.exists(events)
        && Files.readAllLines(events).stream().anyMatch(l -> l.contains("\"handshake_doctor.cause\":\"" + cause + "\""));
  }
}
