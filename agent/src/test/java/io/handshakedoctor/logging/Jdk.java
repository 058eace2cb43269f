package io.handshakedoctor.logging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A JDK to fork: the one running the build, and JDK 25 when installed (as in the it package). */
final class Jdk {
  private final String label;
  private final Path home;

  private Jdk(String label, Path home) {
    this.label = label;
    this.home = home;
  }

  static List<Jdk> all() {
    List<Jdk> out = new ArrayList<>();
    out.add(new Jdk("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home"))));
    Path jdk25 = Paths.get(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (Files.isExecutable(jdk25.resolve("bin/java")) && Runtime.version().feature() != 25) {
      out.add(new Jdk("jdk25", jdk25));
    } else if (Boolean.getBoolean("require.jdk25")) {
      throw new IllegalStateException("JDK 25 required but not found at " + jdk25);
    }
    return out;
  }

  String java() {
    return home.resolve("bin/java").toString();
  }

  @Override
  public String toString() {
    return label;
  }
}
