package io.handshakedoctor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the settings the agent reads. */
class ConfigurationDocumentationTest {
  @Test
  void everySettingIsDocumentedAndEveryDocumentedSettingExists() throws Exception {
    String doc = Files.readString(Paths.get("../docs/configuration.md"));
    Matcher row = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|").matcher(doc);
    Set<String> documented = new TreeSet<>();
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertEquals(new TreeSet<>(AgentConfig.KEYS), documented);
  }
}
