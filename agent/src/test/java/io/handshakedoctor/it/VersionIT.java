package io.handshakedoctor.it;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.testsupport.TestJdk;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built jar says which release it is, in its manifest and on the command line. */
class VersionIT {
  /** The Maven project version, passed by the build. */
  private static final String VERSION = System.getProperty("handshake.doctor.version");

  @Test
  void theManifestCarriesTheProjectsTitleAndVersion() throws Exception {
    try (JarFile jar = new JarFile(BuiltJars.AGENT.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("handshake-doctor", main.getValue(Attributes.Name.IMPLEMENTATION_TITLE));
      assertEquals(VERSION, main.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
    }
  }

  @Test
  void dashDashVersionPrintsTheJarsVersion() throws Exception {
    Process p = new ProcessBuilder(TestJdk.running().java(), "-jar", BuiltJars.AGENT.toString(), "--version")
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), output);
    assertEquals("handshake-doctor " + VERSION + System.lineSeparator(), output);
  }
}
