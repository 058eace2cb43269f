package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.faultinjection.FaultInjectionJar;
import io.handshakedoctor.testsupport.TestJdk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With the agent attached, handshakes behave exactly as without it. */
class HostUnharmedIT {
  /** Failures whose client-side exception does not depend on timing. */
  private static final String DETERMINISTIC =
      "control,certificate_expired,no_common_protocol_version,non_tls_peer,hostname_mismatch,untrusted_self_signed,sni_unrecognized_name";

  static Stream<Arguments> runtimesAndPaths() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String path : ScenarioDiagnosisIT.CLIENT_PATHS) {
        out.add(Arguments.of(jdk, path));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runtimesAndPaths")
  void healthyHandshakeSucceedsAndProducesNoEventNorOutput(TestJdk jdk, String path) throws Exception {
    ForkedRun run = ForkedRun.samples(jdk, "", List.of(), "control", "--client", path);
    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.stdout.contains("control: ok"), run::describe);
    assertEquals(List.of(), run.events, run::describe);
    assertTrue(run.stderr.isBlank(), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runtimesAndPaths")
  void failingHandshakesThrowTheSameExceptionsWithEnrichmentOff(TestJdk jdk, String path) throws Exception {
    ForkedRun without = ForkedRun.samples(jdk, null, List.of(), DETERMINISTIC, "--client", path);
    ForkedRun with = ForkedRun.samples(jdk, "enrich=off", List.of(), DETERMINISTIC, "--client", path);
    assertEquals(clientSides(without.stdout), clientSides(with.stdout), () -> "without:\n" + without.describe() + "\nwith:\n" + with.describe());
    assertTrue(with.events.size() >= 6, with::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runtimesAndPaths")
  void anInternalErrorIsReportedOnceAndTheHandshakeProceeds(TestJdk jdk, String path) throws Exception {
    ForkedRun run =
        ForkedRun.samples(jdk, "", FaultInjectionJar.jvmOptions("handshakeStarted"), "control", "--client", path);
    assertTrue(run.stdout.contains("control: ok"), run::describe);
    assertEquals(1, countOccurrences(run.stderr, "internal error"), run::describe);
  }

  /** Each line's scenario and client exception (the server side may race; the diagnosis is ours). */
  private static List<String> clientSides(String stdout) {
    List<String> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      String s = line;
      int diagnosis = s.indexOf(" | handshake-doctor:");
      if (diagnosis >= 0) {
        s = s.substring(0, diagnosis);
      }
      int server = s.indexOf(" server: ");
      if (server >= 0) {
        s = s.substring(0, server);
      }
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static int countOccurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
