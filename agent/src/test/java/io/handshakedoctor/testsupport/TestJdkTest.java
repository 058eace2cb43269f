package io.handshakedoctor.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJdkTest {
  private static final Path RUNNING_HOME = Paths.get(System.getProperty("java.home"));

  @Test
  void theRunningJdkComesFirstAndIsNotRepeated(@TempDir Path dir) throws IOException {
    Path toolchains = toolchains(dir, RUNNING_HOME);
    List<TestJdk> jdks = TestJdk.find(null, toolchains, Map.of("JAVA_HOME", RUNNING_HOME.toString()));
    assertEquals(Runtime.version().feature(), jdks.get(0).feature());
    assertEquals(jdks.size(), jdks.stream().map(TestJdk::feature).distinct().count(), jdks::toString);
  }

  @Test
  void aToolchainsJdkHomeIsReadAsAJdk(@TempDir Path dir) throws IOException {
    assertEquals(List.of(RUNNING_HOME), TestJdk.toolchainHomes(toolchains(dir, RUNNING_HOME)));
    assertEquals(Runtime.version().feature(), TestJdk.at(RUNNING_HOME, "test").feature());
  }

  @Test
  void aSettingThatNamesNoJdkFailsWithTheSettingsName(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestJdk.find(dir.toString(), dir.resolve("absent.xml"), Map.of()));
    assertTrue(e.getMessage().contains(TestJdk.SETTING), e.getMessage());
  }

  @Test
  void theCoverageLineNamesEveryJdkAndHowToAddOne() {
    List<TestJdk> only = TestJdk.find(RUNNING_HOME.toString(), Paths.get("absent.xml"), Map.of());
    String line = TestJdk.coverageLine(only);
    assertTrue(line.startsWith("handshake-doctor tests fork 1 JDK: JDK " + Runtime.version()), line);
    assertTrue(line.contains("-D" + TestJdk.SETTING + "="), line);
  }

  private static Path toolchains(Path dir, Path home) throws IOException {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<toolchains>\n"
        + "  <toolchain><type>netbeans</type><configuration><jdkHome>/nowhere</jdkHome></configuration></toolchain>\n"
        + "  <toolchain><type>jdk</type><provides><version>" + Runtime.version().feature() + "</version></provides>\n"
        + "    <configuration><jdkHome>" + home + "</jdkHome></configuration></toolchain>\n</toolchains>\n";
    return Files.write(dir.resolve("toolchains.xml"), xml.getBytes(StandardCharsets.UTF_8));
  }
}
