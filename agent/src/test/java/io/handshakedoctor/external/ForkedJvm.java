package io.handshakedoctor.external;

import io.handshakedoctor.testsupport.BuiltJars;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM running one of the sample-apps' external programs ({@code Connect}, {@code Serve}) under the
 * built agent jar, with a hosts file mapping the demo names to 127.0.0.1, and the events it wrote.
 */
final class ForkedJvm {
  static final String CONNECT = "io.handshakedoctor.samples.external.Connect";
  static final String SERVE = "io.handshakedoctor.samples.external.Serve";
  private static final Type EVENT = new TypeToken<Map<String, Object>>() {}.getType();

  final Path dir;
  final String name;
  final Path events;

  ForkedJvm(Path parent, String name) throws IOException {
    this.dir = Files.createDirectories(parent.resolve(name));
    this.name = name;
    this.events = dir.resolve("events.jsonl");
  }

  List<String> command(TestJdk jdk, String mainClass, List<String> args) throws IOException {
    return command(jdk, mainClass, List.of(), args);
  }

  /** As {@link #command(TestJdk, String, List)}, with {@code jvmArgs} (e.g. {@code -D} options) before the class path. */
  List<String> command(TestJdk jdk, String mainClass, List<String> jvmArgs, List<String> args) throws IOException {
    return command(jdk, mainClass, args, "", jvmArgs);
  }

  /** With more agent options ({@code ,key=value...}) and JVM options before the main class. */
  List<String> command(TestJdk jdk, String mainClass, List<String> args, String agentOptions, List<String> jvmArgs)
      throws IOException {
    Path hosts = dir.resolve("hosts");
    Files.write(hosts, ("127.0.0.1 " + ExternalPki.APP_HOST + " " + ExternalPki.OTHER_HOST + "\n").getBytes(StandardCharsets.US_ASCII));
    List<String> command = new ArrayList<>();
    command.add(jdk.java());
    command.add("-javaagent:" + BuiltJars.AGENT + "=events.file=" + events + ",log=stderr,dedup.interval=0" + agentOptions);
    command.add("-Djdk.net.hosts.file=" + hosts);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(BuiltJars.SAMPLES.toString());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** An application of the test sources ({@code mainClass}) on {@code classPath} instead of the sample-apps jar. */
  List<String> command(TestJdk jdk, String classPath, Class<?> mainClass, List<String> args) throws IOException {
    List<String> command = command(jdk, mainClass.getName(), args);
    command.set(command.indexOf("-cp") + 1, classPath);
    return command;
  }

  /** Runs Connect to completion (bounded) and returns its stdout. */
  String connect(TestJdk jdk, List<String> args, Duration timeout) throws IOException, InterruptedException {
    return connect(jdk, List.of(), args, timeout);
  }

  /** Runs Connect with {@code jvmArgs} to completion (bounded) and returns its stdout. */
  String connect(TestJdk jdk, List<String> jvmArgs, List<String> args, Duration timeout) throws IOException, InterruptedException {
    int exit = Processes.run(command(jdk, CONNECT, jvmArgs, args), dir, "jvm", null, timeout);
    if (exit != 0) {
      throw new AssertionError("Connect exited " + exit + " (-1: killed after " + timeout + ")\n" + describe());
    }
    return stdout();
  }

  Process serve(TestJdk jdk, List<String> args) throws IOException {
    return Processes.start(command(jdk, SERVE, args), dir, "jvm");
  }

  Path stdoutFile() {
    return dir.resolve("jvm.out");
  }

  String stdout() {
    return Processes.read(stdoutFile());
  }

  String stderr() {
    return Processes.read(dir.resolve("jvm.err"));
  }

  List<Map<String, Object>> events() throws IOException {
    List<Map<String, Object>> parsed = new ArrayList<>();
    if (Files.exists(events)) {
      Gson gson = new Gson();
      for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
        if (!line.trim().isEmpty()) {
          parsed.add(gson.fromJson(line, EVENT));
        }
      }
    }
    return parsed;
  }

  String describe() {
    String ev;
    try {
      ev = String.valueOf(events());
    } catch (IOException e) {
      ev = e.toString();
    }
    return "--- " + name + " stdout\n" + stdout() + "\n--- stderr (tail)\n" + tail(stderr(), 4000) + "\n--- events\n" + ev;
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }
}
