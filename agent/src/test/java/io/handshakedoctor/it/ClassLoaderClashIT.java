package io.handshakedoctor.it;

import io.handshakedoctor.testsupport.BuiltJars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's own Byte Buddy, SLF4J and OpenTelemetry API, of other versions than the agent's, are
 * the ones the host sees; the agent still diagnoses; nothing but our lines reaches stderr.
 */
class ClassLoaderClashIT {

  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void theHostKeepsItsOwnLibraryVersionsAndTheAgentStillDiagnoses(TestJdk jdk) throws Exception {
    Path libraries = Paths.get("target/host-libraries").toAbsolutePath();
    Path dir = Files.createTempDirectory("hd-clash");
    String libraryPath;
    try (Stream<Path> jars = Files.list(libraries)) {
      libraryPath = Stream.concat(Stream.of(BuiltJars.SAMPLES), jars.sorted())
          .map(Path::toString)
          .collect(Collectors.joining(File.pathSeparator));
    }
    // The host app is compiled here, against the host's versions, not the build's.
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "--release", "11", "-cp", libraryPath, "-d", classes.toString(),
        Paths.get("src/test/resources/clash/ClashingHostApp.java").toAbsolutePath().toString());
    assertEquals(0, compiled);
    String classPath = classes + File.pathSeparator + libraryPath;
    Path events = dir.resolve("events.jsonl");
    List<String> command = new ArrayList<>(List.of(
        jdk.java(),
        "-javaagent:" + BuiltJars.AGENT + "=log=stderr,events.file=" + events,
        "-cp", classPath, "host.ClashingHostApp"));
    Process p = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    String all = out + "\n--- stderr\n" + err;
    assertEquals(0, p.exitValue(), all);
    assertTrue(out.contains("byte-buddy byte-buddy-1.14.18.jar"), all);
    assertTrue(out.contains("slf4j slf4j-api-1.7.36.jar"), all);
    assertTrue(out.contains("opentelemetry opentelemetry-api-1.62.0.jar"), all);
    assertTrue(out.contains("made host.Made"), all);
    assertTrue(out.contains("untrusted_self_signed: failed") && out.contains("| handshake-doctor: untrusted_self_signed"), all);
    assertTrue(Files.readString(events).contains("\"handshake_doctor.cause\":\"untrusted_self_signed\""), all);
    for (String line : err.split("\n")) {
      boolean ours = line.isBlank() || line.contains("handshake-doctor") || line.contains("handshake.doctor")
          || line.contains("host logging works");
      assertTrue(ours, () -> "unexpected stderr line: " + line + "\n" + all);
    }
  }
}
