package io.handshakedoctor.it;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import io.handshakedoctor.testsupport.TestJdk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Control of a running JVM without a restart: attaching again applies only the new settings (no
 * second copy of the hooks), {@code enabled=false} and {@code enabled=true} turn reporting off and
 * on, and a JDK 21+ target that refuses dynamic agents is reported as such.
 */
class RuntimeControlIT {
  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void attachingAgainAppliesTheNewSettingsOnlyAndTurnsReportingOffAndOn(TestJdk jdk) throws Exception {
    Path dir = Files.createTempDirectory("hd-control");
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");
    Path targetOut = dir.resolve("target.out");
    Process target = startTarget(jdk, List.of(), targetOut);
    try {
      String attached = attach(jdk, target, 0, "log=off,dedup.interval=0,events.file=" + first);
      assertTrue(attached.contains(": started"), attached);
      waitFor(() -> lines(first) > 0, "events in the first file");

      String again = attach(jdk, target, 0, "events.file=" + second);
      assertTrue(again.contains("already running: settings applied, reporting on"), again);
      waitFor(() -> lines(second) >= 4, "events in the second file");
      long firstAfterSwitch = lines(first);
      Thread.sleep(1500);
      assertEquals(firstAfterSwitch, lines(first), "the first file is no longer written");
      assertEachConnectionReportedOnce(second);

      String off = attach(jdk, target, 0, "enabled=false");
      assertTrue(off.contains("already running: reporting off"), off);
      Thread.sleep(500); // a report under way when the switch flipped may still land
      long whileOff = lines(second);
      Thread.sleep(2000);
      assertEquals(whileOff, lines(second), "nothing reported while off");

      String on = attach(jdk, target, 0, "enabled=true");
      assertTrue(on.contains("already running: settings applied, reporting on"), on);
      waitFor(() -> lines(second) > whileOff, "events again after enabled=true");
      assertEachConnectionReportedOnce(second);
      if (jdk.feature() >= 21) {
        String printed = Files.readString(targetOut, StandardCharsets.UTF_8);
        assertTrue(printed.contains("WARNING: A Java agent has been loaded dynamically"), printed);
      }
    } finally {
      target.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void aTargetThatRefusesDynamicAgentsIsReportedAsSuch(TestJdk jdk) throws Exception {
    Assumptions.assumeTrue(jdk.feature() >= 21, "-XX:-EnableDynamicAgentLoading exists on JDK 21+");
    Path dir = Files.createTempDirectory("hd-refused");
    Path targetOut = dir.resolve("target.out");
    Process target = startTarget(jdk, List.of("-XX:-EnableDynamicAgentLoading"), targetOut);
    try {
      String refused = attach(jdk, target, 2, "log=stderr");
      assertTrue(refused.contains("refuses agents loaded at run time (it was started with -XX:-EnableDynamicAgentLoading)"), refused);
      Thread.sleep(1000);
      String printed = Files.readString(targetOut, StandardCharsets.UTF_8);
      assertTrue(!printed.contains("handshake-doctor"), "the target runs without the agent and says nothing: " + printed);
      assertTrue(target.isAlive(), "the target is unharmed");
    } finally {
      target.destroyForcibly();
    }
  }

  private static Process startTarget(TestJdk jdk, List<String> jvmArgs, Path out) throws Exception {
    String classPath = Paths.get("target/test-classes").toAbsolutePath() + File.pathSeparator + BuiltJars.SAMPLES;
    List<String> command = new java.util.ArrayList<>(List.of(jdk.java()));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath, AttachTarget.class.getName(), "120"));
    Process target = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    waitFor(() -> read(out).startsWith("ready"), "the target to start");
    Thread.sleep(1000); // JSSE loaded and failing before the agent comes
    return target;
  }

  private static String attach(TestJdk jdk, Process target, int expectedExit, String options) throws Exception {
    Process attach = new ProcessBuilder(jdk.java(), "-jar", BuiltJars.AGENT.toString(), Long.toString(target.pid()), options)
        .redirectErrorStream(true).start();
    String output = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(attach.waitFor(60, TimeUnit.SECONDS));
    assertEquals(expectedExit, attach.exitValue(), output);
    return output;
  }

  /** Hooks woven twice would report each failure twice: every connection's port appears once per side. */
  private static void assertEachConnectionReportedOnce(Path events) throws Exception {
    Gson gson = new Gson();
    Set<String> seen = new HashSet<>();
    for (String line : Files.readAllLines(events)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = gson.fromJson(line, Map.class);
      Object port = e.containsKey("server.port") ? e.get("server.port") : e.get("client.port");
      String key = e.get("handshake_doctor.side") + " " + port;
      assertTrue(seen.add(key), "reported twice: " + key);
    }
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (Exception e) {
      return "";
    }
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
