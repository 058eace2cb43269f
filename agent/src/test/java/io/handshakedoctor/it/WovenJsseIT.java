package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.instrumentation.HookPointCensus;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;

/**
 * The woven JSSE on every JDK the tests fork: each hook point matches exactly one method, and the
 * woven classes pass the JVM's own bytecode verifier (which boot classes normally skip, so a wrong
 * frame or stack size would otherwise go unnoticed until it corrupted something).
 */
class WovenJsseIT {
  /** Scenarios and client paths that, together, run every hooked method. */
  private static final String[][] RUNS = {
    {"certificate_expired,control,handshake_timeout", "socket"},
    {"client_certificate_missing", "socket --protocol TLSv1.2"},
    {"hostname_mismatch,no_common_protocol_version,non_tls_peer", "engine"},
    {"connection_reset_during_handshake,certificate_expired", "http-client"},
    {"certificate_expired", "https-url-connection"},
  };

  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String[] run : RUNS) {
        out.add(Arguments.of(jdk, run[0], run[1]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void everyHookPointMatchesExactlyOneMethodOfTheJdk(TestJdk jdk) throws Exception {
    String classPath = String.join(File.pathSeparator,
        codeSource(HookPointCensus.class), codeSource(ClassReader.class),
        Paths.get("target/classes").toAbsolutePath().toString());
    Process p = new ProcessBuilder(jdk.java(), "-cp", classPath, HookPointCensus.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    String[] lines = out.trim().split("\n");
    assertEquals(21, lines.length, out); // as JsseHookPointsTest counts them
    for (String line : lines) {
      assertTrue(line.endsWith("=1"), () -> jdk + ": " + out);
    }
  }

  @ParameterizedTest(name = "{0} {1} --client {2}")
  @MethodSource("runs")
  void theWovenClassesPassTheBytecodeVerifierAndDiagnoseEveryScenario(
      TestJdk jdk, String scenarios, String client) throws Exception {
    List<String> args = new ArrayList<>(List.of(scenarios, "--client"));
    args.addAll(List.of(client.split(" ")));
    ForkedRun verified = ForkedRun.samples(jdk, "",
        List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal"),
        args.toArray(new String[0]));
    String describe = verified.stdout + "\n--- stderr\n" + verified.stderr;
    assertEquals(0, verified.exitCode, describe); // every scenario ended as it does without the agent
    assertFalse(verified.stderr.contains("VerifyError"), describe);
    assertFalse(verified.stderr.contains("internal error"), describe);
    for (String scenario : scenarios.split(",")) {
      if (scenario.equals("control")) {
        assertTrue(verified.stdout.contains("control: ok"), describe);
      } else {
        assertTrue(verified.events.stream().anyMatch(e -> scenario.equals(e.get("handshake_doctor.cause"))), describe);
      }
    }
  }

  private static String codeSource(Class<?> c) throws Exception {
    Path path = Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    return path.toString();
  }
}
