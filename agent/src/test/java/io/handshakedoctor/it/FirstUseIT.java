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
  private static final String AGENT = " io.handshakedoctor.";

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

  /**
   * A healthy handshake makes only the capture and the peer inventory: the outputs, the rules and
   * the library engines' trackers wait for their first need, and no hooked JDK class is loaded by
   * the agent before its hooks are woven (it would have to be redefined, deoptimising the code).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void aHealthyHandshakeMakesNoOutputNorRulesNorEngineTrackers(TestJdk jdk) throws Exception {
    ForkedRun run = ForkedRun.samples(jdk, "", List.of("-Xlog:class+load=info:stdout"), "control", "--client", "engine");
    String describe = run.stdout + "\n--- stderr\n" + run.stderr;
    assertEquals(0, run.exitCode, describe);
    assertTrue(run.stdout.contains("control: ok"), describe);
    assertTrue(run.stdout.contains(AGENT + "inventory.PeerInventory "), "the inventory records the peer:\n" + describe);
    for (String deferred :
        List.of(
            "diagnosis.DiagnosisEngine", "emit.LogLineOutput", "emit.JsonLinesOutput", "emit.BudgetedOutput",
            "emit.ExceptionEnricher", "capture.boringssl.NativeEngineCaptures",
            "capture.netty.NettyHandlerFailures", "capture.bcjsse.BcJsseFailures",
            "capture.conscrypt.ConscryptSocketFailures")) {
      assertFalse(run.stdout.contains(AGENT + deferred + " "), deferred + " loaded:\n" + describe);
    }
    assertFalse(
        run.stdout.contains("javax.net.ssl.SSLPeerUnverifiedException source: __VM_RedefineClasses__"),
        "a hooked class the agent loaded itself was redefined:\n" + describe);
  }
}
