package io.handshakedoctor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.emit.Names;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/early-warnings.md has a section for exactly the warnings the agent raises, and its metrics. */
class EarlyWarningsDocumentationTest {
  @Test
  void everyWarningHasASectionWithTriggerAndFixAndNoSectionIsStale() throws Exception {
    String doc = Files.readString(Paths.get("../docs/early-warnings.md"));
    Set<String> documented = new TreeSet<>();
    Matcher heading = Pattern.compile("(?m)^### ([a-z0-9_]+)$").matcher(doc);
    while (heading.find()) {
      documented.add(heading.group(1));
      int end = doc.indexOf("\n#", heading.end());
      String section = doc.substring(heading.end(), end < 0 ? doc.length() : end);
      assertTrue(section.contains("**Trigger:**") && section.contains("**Fix:**"), heading.group(1));
    }
    Set<String> raised = new TreeSet<>();
    for (WarningKind k : WarningKind.values()) {
      raised.add(k.id());
    }
    assertEquals(raised, documented);
  }

  @Test
  void theMetricsAndTheOffSwitchAreDocumented() throws Exception {
    String doc = Files.readString(Paths.get("../docs/early-warnings.md"));
    for (String name : new String[] {Names.EXPIRY_METRIC, Names.HANDSHAKES_METRIC, Names.WARNINGS_METRIC, Names.WARNING_EVENT}) {
      assertTrue(doc.contains("`" + name + "`"), name);
    }
    assertTrue(doc.contains("`inventory=false`"));
  }
}
