package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent given in JAVA_TOOL_OPTIONS, the way container images and platforms add agents without
 * touching the start command, attaches and diagnoses like {@code -javaagent} on the command line.
 */
class JavaToolOptionsIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.handshakedoctor.testsupport.TestJdk#all")
  void anAgentInJavaToolOptionsDiagnosesAFailingHandshake(TestJdk jdk) throws Exception {
    ForkedRun run = ForkedRun.samplesWithAgentInToolOptions(jdk, "", "certificate_expired", "--client", "socket");
    assertEquals(0, run.exitCode, run::describe);
    // The JVM says where the agent came from, on standard error, before anything else runs.
    assertTrue(run.stderr.startsWith("Picked up JAVA_TOOL_OPTIONS: -javaagent:"), run::describe);
    assertTrue(run.stdout.contains("certificate_expired: failed")
        && run.stdout.contains("| handshake-doctor: certificate_expired"), run::describe);
    assertFalse(run.events.isEmpty(), run::describe);
  }
}
