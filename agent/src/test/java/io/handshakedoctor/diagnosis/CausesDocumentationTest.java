package io.handshakedoctor.diagnosis;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/causes.md has exactly one "## cause_id" section per Cause, under its category's "# id". */
class CausesDocumentationTest {
  private static final Pattern HEADING = Pattern.compile("(?m)^(#{1,2}) ([a-z][a-z0-9_]*)\\s*$");

  static String readDoc() throws IOException {
    return doc();
  }

  private static String doc() throws IOException {
    Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("docs").resolve("causes.md");
      if (Files.isRegularFile(candidate)) {
        return new String(Files.readAllBytes(candidate), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("docs/causes.md not found above " + dir);
  }

  @Test
  void everyCauseIsDocumentedAndNothingElse() throws IOException {
    Set<String> documented = new LinkedHashSet<>();
    Matcher m = HEADING.matcher(doc());
    String category = null;
    while (m.find()) {
      if (m.group(1).length() == 1) {
        category = m.group(2);
        continue;
      }
      String id = m.group(2);
      assertTrue(documented.add(id), "documented twice: " + id);
      Cause cause = find(id);
      assertNotNull(cause, "docs/causes.md documents '" + id + "', which is not a Cause");
      assertEquals(cause.category().id(), category, id + " is documented under the wrong category");
    }
    Set<String> missing = new TreeSet<>();
    for (Cause c : EnumSet.allOf(Cause.class)) {
      if (!documented.contains(c.id())) {
        missing.add(c.id());
      }
    }
    assertTrue(missing.isEmpty(), "causes missing from docs/causes.md: " + missing);
  }

  @Test
  void tableOfContentsLinksEveryCause() throws IOException {
    String doc = doc();
    for (Cause c : Cause.values()) {
      assertTrue(doc.contains("(#" + c.id() + ")"), "no table-of-contents link for " + c.id());
    }
  }

  private static Cause find(String id) {
    for (Cause c : Cause.values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
