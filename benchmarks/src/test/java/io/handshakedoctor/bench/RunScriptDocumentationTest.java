package io.handshakedoctor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/performance.md's "Rerun it" names exactly the variants run.sh runs, and the start-up programs. */
class RunScriptDocumentationTest {
  private static final Pattern VARIANT_CASE = Pattern.compile("(?m)^    ([a-z_]+)\\) echo ");

  @Test
  void rerunItListsExactlyTheVariantsRunShKnows() throws Exception {
    Set<String> inScript = new TreeSet<>();
    Matcher variant = VARIANT_CASE.matcher(variantArgsFunction());
    while (variant.find()) {
      inScript.add(variant.group(1));
    }
    assertTrue(inScript.containsAll(List.of("plain", "agent", "empty", "hook", "preload")), inScript::toString);
    Matcher options = Pattern.compile("`--variants \"plain agent\"` \\(any of `([a-z_ ]+)`").matcher(rerunIt());
    assertTrue(options.find(), "Rerun it lists the variants");
    assertEquals(inScript, new TreeSet<>(List.of(options.group(1).split(" "))));
  }

  @Test
  void everyStartUpFloorIsDescribedInRerunIt() throws Exception {
    for (String floor : List.of("empty", "hook", "preload")) {
      assertTrue(rerunIt().contains("\n- `" + floor + "`: "), floor);
    }
  }

  @Test
  void everyStartUpProgramRunShRunsIsInTheWholeProcessTable() throws Exception {
    Matcher programs = Pattern.compile("\n  STARTUP_PROGRAMS=\"([a-z -]+)\"\n").matcher(script());
    assertTrue(programs.find(), "run.sh names the start-up programs");
    String doc = performance();
    for (String mode : programs.group(1).split(" ")) {
      assertTrue(doc.contains("| `StartupProbe " + mode + "` |"), mode);
    }
  }

  private static String variantArgsFunction() throws Exception {
    String script = script();
    int start = script.indexOf("variant_args() {");
    assertTrue(start >= 0, "run.sh has variant_args");
    return script.substring(start, script.indexOf("\n}\n", start));
  }

  private static String rerunIt() throws Exception {
    String doc = performance();
    int start = doc.indexOf("\n## Rerun it\n");
    assertTrue(start >= 0, "performance.md has Rerun it");
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static String script() throws Exception {
    return Files.readString(Paths.get("run.sh"));
  }

  private static String performance() throws Exception {
    return Files.readString(Paths.get("../docs/performance.md"));
  }
}
