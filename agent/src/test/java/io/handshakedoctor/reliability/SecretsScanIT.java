package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every output of a run (the log line on stderr, the events file, the diagnoses inside the
 * application's exceptions) is searched for the private keys' bytes and for a marker the
 * application sent as data, over TLS and as a plain-text request target. Also the faults counter
 * of a healthy full run is zero (no summary line).
 */
class SecretsScanIT {
  @Test
  void noPrivateKeyAndNoApplicationDataInAnyOutput() throws Exception {
    Path secretsFile = Files.createTempFile("hd-secrets", ".txt");
    Forked run = Forked.harness(Forked.defaultJava(), "log=stderr,dedup.interval=0", List.of(),
        SecretsHarness.class, secretsFile.toString());
    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.stdout.contains("done"), run::describe);
    List<String> secrets = Files.readAllLines(secretsFile, StandardCharsets.UTF_8);
    assertTrue(secrets.size() > 20, secrets::toString);
    String events = String.join("\n", run.eventLines());
    assertTrue(run.eventLines().size() >= 10, run::describe);
    assertTrue(run.stdout.contains("diagnosis: handshake-doctor: "), run::describe);
    assertTrue(events.contains("non_tls_peer"), events);
    for (String output : List.of(run.stdout, run.stderr, events)) {
      for (String secret : secrets) {
        assertFalse(output.contains(secret), () -> "found '" + secret + "' in:\n" + output);
      }
      assertFalse(output.contains("-----BEGIN"), output);
      assertFalse(output.contains("PRIVATE KEY"), output);
    }
    assertFalse(run.stderr.contains("internal error"), run::describe);
    assertFalse(run.stderr.contains("at shutdown"), run::describe);
  }
}
