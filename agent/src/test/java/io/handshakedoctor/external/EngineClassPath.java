package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The class path of a forked engine application: the test classes and the engine's jars, nothing else. */
final class EngineClassPath {
  private EngineClassPath() {}

  /** The test class path's entries that {@code engineJars} accepts, and the test classes. */
  static String fromTestClassPath(Predicate<String> engineJars) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> engineJars.test(e) || e.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The {@code count} jars the build copied into the directory the system property {@code property} names, and the test classes. */
  static String jarsIn(String property, String fallback, int count) {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty(property, fallback)))) {
      jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toAbsolutePath().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(count, entries.size(), count + " jars in " + System.getProperty(property) + ": " + entries);
    entries.add(fromTestClassPath(e -> false));
    return String.join(File.pathSeparator, entries);
  }
}
