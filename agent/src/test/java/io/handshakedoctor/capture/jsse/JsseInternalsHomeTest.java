package io.handshakedoctor.capture.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's internals (its classes, and every field and method this package reads by name) are
 * named in the agent's main code only in their two homes: this package, which reads them, and
 * {@code instrumentation}, which weaves the hooks into them. A JDK that renames one is then fixed
 * in one place, and the next engine's reader goes beside this one, not into the pipeline.
 */
class JsseInternalsHomeTest {
  private static final Path MAIN = Paths.get("src/main/java/io/handshakedoctor");
  private static final List<String> HOMES = List.of("capture/jsse/", "instrumentation/");
  /**
   * Names this package reads that are also ordinary words elsewhere (a JSON key, BouncyCastle's
   * own {@code getPeerHost}): too common to police by spelling.
   */
  private static final Set<String> COMMON_WORDS =
      Set.of("name", "description", "header", "transport", "getPeerHost", "peerHost", "serverNames");

  /**
   * BouncyCastle JSSE copied some of JSSE's names for its own members ({@code
   * ContextData.getX509TrustManager}, {@code RecordStream.inputRecord}); its reader, in its own home,
   * reads BC's.
   */
  private static final Set<String> ALSO_BOUNCY_CASTLE_NAMES = Set.of("getX509TrustManager", "inputRecord");
  private static final String BOUNCY_CASTLE_HOME = "capture/bcjsse/";

  /** A read by name: {@code fields.field(x, "name")}, {@code call(x, c ? "a" : "b")}, {@code new CachedField("name")}. */
  private static final Pattern READ_BY_NAME =
      Pattern.compile("(?:\\.(?:field|booleanField|call)\\([^;]*?|new CachedField\\()\"([A-Za-z_$][\\w$]*)\"(?:\\s*:\\s*\"([A-Za-z_$][\\w$]*)\")?");
  private static final Pattern JSSE_CLASS = Pattern.compile("sun[./]security[./]ssl([./][A-Z]|\")");

  @Test
  void jsseInternalNamesAppearOnlyInTheirHomes() {
    Set<String> names = namesReadHere();
    assertTrue(names.containsAll(Set.of("conContext", "sslConfig", "popCerts", "getX509TrustManager")), names.toString());
    List<String> strays = new ArrayList<>();
    for (Path file : mainSources()) {
      String where = MAIN.relativize(file).toString().replace('\\', '/');
      if (HOMES.stream().anyMatch(where::startsWith)) {
        continue;
      }
      String code = withoutComments(read(file));
      for (String name : names) {
        if (where.startsWith(BOUNCY_CASTLE_HOME) && ALSO_BOUNCY_CASTLE_NAMES.contains(name)) {
          continue;
        }
        if (code.contains("\"" + name + "\"")) {
          strays.add(where + " names JSSE's " + name);
        }
      }
      Matcher jsseClass = JSSE_CLASS.matcher(code);
      if (jsseClass.find()) {
        strays.add(where + " names a class of " + jsseClass.group());
      }
    }
    assertEquals(List.of(), strays, "read JSSE's internals through capture/jsse (JsseConnectionReader, JssePeerLocator)");
  }

  @Test
  void reflectionOnJsseHappensOnlyInTheFieldReader() {
    List<String> reflecting = new ArrayList<>();
    for (Path file : sourcesOf(MAIN.resolve("capture/jsse"))) {
      String code = withoutComments(read(file));
      if (code.contains("getDeclaredField") || code.contains("getDeclaredMethod") || code.contains("setAccessible")) {
        reflecting.add(file.getFileName().toString());
      }
    }
    assertEquals(List.of("JsseFields.java"), reflecting);
  }

  private static Set<String> namesReadHere() {
    Set<String> names = new TreeSet<>();
    for (Path file : sourcesOf(MAIN.resolve("capture/jsse"))) {
      Matcher m = READ_BY_NAME.matcher(withoutComments(read(file)));
      while (m.find()) {
        for (int g = 1; g <= 2; g++) {
          if (m.group(g) != null && !COMMON_WORDS.contains(m.group(g))) {
            names.add(m.group(g));
          }
        }
      }
    }
    return names;
  }

  private static List<Path> mainSources() {
    return sourcesOf(MAIN);
  }

  private static List<Path> sourcesOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Block comments and {@code // } comments out: prose may name JSSE's classes. */
  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|\\s)//.*$", "");
  }
}
