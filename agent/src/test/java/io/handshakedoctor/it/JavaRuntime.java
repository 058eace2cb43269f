package io.handshakedoctor.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A JDK the integration tests fork: the one running the build, and JDK 25 when installed. */
final class JavaRuntime {
  private final String label;
  private final Path javaHome;

  private JavaRuntime(String label, Path javaHome) {
    this.label = label;
    this.javaHome = javaHome;
  }

  static List<JavaRuntime> all() {
    List<JavaRuntime> out = new ArrayList<>();
    out.add(new JavaRuntime("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home"))));
    String jdk25 = System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
    Path home = Paths.get(jdk25);
    if (Files.isExecutable(home.resolve("bin/java")) && Runtime.version().feature() != 25) {
      out.add(new JavaRuntime("jdk25", home));
    } else if (Boolean.getBoolean("require.jdk25")) {
      throw new IllegalStateException("JDK 25 required but not found at " + home);
    }
    return out;
  }

  String java() {
    return javaHome.resolve("bin/java").toString();
  }

  @Override
  public String toString() {
    return label;
  }
}
