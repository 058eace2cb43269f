package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the agent loads at the first use of TLS (issue 12, docs/performance.md "Start-up and first
 * use"), on every JDK the tests fork. A program that uses only the JDK's TLS (and BouncyCastle's
 * certificate classes, as the sample apps do) never registers the TLS libraries' transformer,
 * which would make the JVM copy every class it loads afterwards: the libraries' hook tables, which
 * only the watch that registers it reads, never load.
 */
class FirstUseIT {
  private static final String INSTRUMENTATION = " io.handshakedoctor.instrumentation.";

  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void aJdkOnlyProgramNeverRegistersTheTlsLibrariesTransformer(TestJdk jdk) throws Exception {
    ForkedRun run =
        ForkedRun.samples(jdk, "", List.of("-Xlog:class+load=info:stdout"), "control,certificate_expired", "--client", "engine");
    String describe = run.stdout + "\n--- stderr\n" + run.stderr;
    assertEquals(0, run.exitCode, describe);
    assertTrue(run.stdout.contains("control: ok"), describe);
    assertTrue(
        run.events.stream().anyMatch(e -> "certificate_expired".equals(e.get("handshake_doctor.cause"))), describe);
    assertTrue(run.stdout.contains(INSTRUMENTATION + "LibraryEngineTransformer "), "the watch is in place:\n" + describe);
    for (String table : List.of("TcnativeHookPoints", "BcJsseHookPoints", "ConscryptHookPoints", "NativeEngineHookPoints")) {
      assertFalse(run.stdout.contains(INSTRUMENTATION + table + " "), table + " loaded:\n" + describe);
    }
  }
}
