package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ./demo.sh shows: a table whose rows take the answer from the side that has it, or one scenario in full. */
class DemoOutputIT {

  @Test
  void aServerSideFailureIsAnsweredByTheServersDiagnosisAndAClientSideOneByTheClients() throws Exception {
    ForkedRun run = ForkedRun.samples(
        TestJdk.running(), "", List.of(), "--demo", "local_credentials_missing,certificate_expired");
    assertEquals(0, run.exitCode, run::describe);
    String table = run.stdout.substring(0, run.stdout.indexOf("\n\n"));
    assertTrue(row(table, "local_credentials_missing").matches(
        "local_credentials_missing +server +No available authentication scheme +local_credentials_missing"), table);
    assertTrue(row(table, "certificate_expired").matches(
        "certificate_expired +client +.*PKIX path validation failed.* +certificate_expired"), table);
    // The whole text of one scenario follows the table.
    assertTrue(run.stdout.contains("  <- answers the scenario\n"), run::describe);
  }

  @Test
  void oneNamedScenarioIsShownWholeWithBothSidesAndTheFix() throws Exception {
    ForkedRun run = ForkedRun.samples(TestJdk.running(), "", List.of(), "--demo", "local_credentials_missing");
    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.stdout.startsWith("local_credentials_missing: "), run::describe);
    assertTrue(run.stdout.contains("\n  client threw javax.net.ssl.SSLHandshakeException: "), run::describe);
    assertTrue(run.stdout.contains("\n  server threw javax.net.ssl.SSLHandshakeException: No available authentication scheme\n"
        + "    handshake-doctor: local_credentials_missing  <- answers the scenario\n"), run::describe);
    assertTrue(run.stdout.contains("      fix: "), run::describe);
  }

  private static String row(String table, String scenario) {
    for (String line : table.split("\n")) {
      if (line.startsWith(scenario + " ")) {
        return line.trim();
      }
    }
    throw new AssertionError("no row for " + scenario + " in\n" + table);
  }
}
