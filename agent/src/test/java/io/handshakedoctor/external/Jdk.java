package io.handshakedoctor.external;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A JDK the tests fork: the one running the build, and JDK 25 when installed (skipped only if absent). */
final class Jdk {
  final String label;
  final Path home;

  private Jdk(String label, Path home) {
    this.label = label;
    this.home = home;
  }

  static List<Jdk> all() {
    List<Jdk> out = new ArrayList<>();
    out.add(new Jdk("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home"))));
    Path home = Paths.get(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (Files.isExecutable(home.resolve("bin/java")) && Runtime.version().feature() != 25) {
      out.add(new Jdk("jdk25", home));
    } else if (Boolean.getBoolean("require.jdk25")) {
      throw new IllegalStateException("JDK 25 required but not found at " + home);
    }
    return out;
  }

  /** The feature version, e.g. {@code 17}. */
  String feature() {
    return label.substring("jdk".length());
  }

  String java() {
    return home.resolve("bin/java").toString();
  }

  @Override
  public String toString() {
    return label;
  }
}
