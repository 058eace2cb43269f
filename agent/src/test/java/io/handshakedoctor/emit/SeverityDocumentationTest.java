package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.Side;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/severity.md says what the code does: the level and words for every side and party, and every cause. */
class SeverityDocumentationTest {
  private static final List<String> PARTIES =
      List.of(Diagnosis.SERVER, Diagnosis.LOCAL_JVM, Diagnosis.CLIENT, Diagnosis.NETWORK_PATH, Diagnosis.UNKNOWN_PARTY);

  @Test
  void everySideAndPartyRowMatchesTheCode() throws Exception {
    String doc = Files.readString(Paths.get("../docs/severity.md"));
    Matcher row = Pattern.compile("(?m)^\\| (client|server) \\| ([a-zA-Z ]+) \\| (WARN|INFO) \\| ([^|]+) \\|$").matcher(doc);
    int rows = 0;
    while (row.find()) {
      rows++;
      Side side = row.group(1).equals("client") ? Side.CLIENT : Side.SERVER;
      List<String> parties = row.group(2).equals("any") ? PARTIES : List.of(row.group(2));
      for (String party : parties) {
        Responsibility r = Responsibility.of(side, party);
        assertEquals(row.group(3), r.level(), row.group());
        assertEquals(row.group(4).trim(), r.phrase(), row.group());
      }
    }
    assertEquals(1 + PARTIES.size(), rows, "one client row and one server row per party");
  }

  @Test
  void everyCauseIsClassed() throws Exception {
    String doc = Files.readString(Paths.get("../docs/severity.md"));
    for (Cause c : Cause.values()) {
      assertTrue(doc.contains("| `" + c.id() + "` |"), c.id() + " missing from docs/severity.md");
    }
  }

  @Test
  void warningsAreOnlyForWhatThisServiceMustActOn() {
    assertTrue(Responsibility.of(Events.ownCertificateExpired("192.0.2.1")).warn());
    assertTrue(Responsibility.of(Events.ownCallToExpiredServer("api.example")).warn());
    assertTrue(!Responsibility.of(Events.oldProtocolClient("192.0.2.1")).warn());
    assertTrue(!Responsibility.of(Events.plainHttpClient("192.0.2.1")).warn());
    assertTrue(LogLineOutput.line(Events.oldProtocolClient("192.0.2.1"), 1).contains("the client's problem, not this service's"));
  }
}
