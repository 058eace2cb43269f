package io.handshakedoctor.reliability;

import io.handshakedoctor.testsupport.BuiltJars;
import io.handshakedoctor.testsupport.ForkedProcess;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A forked JVM (a sample app or a harness main), with or without the agent, and what it left. */
final class Forked {
  static final Path TEST_CLASSES = Paths.get("target/test-classes").toAbsolutePath();

  final int exitCode;
  final String stdout;
  final String stderr;
  final Path dir;
  final Path events;

  private Forked(int exitCode, String stdout, String stderr, Path dir, Path events) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.dir = dir;
    this.events = events;
  }

  /** The java launchers of the JDKs to fork ({@link TestJdk}), the one running the build first. */
  static List<String> javas() {
    return TestJdk.all().stream().map(TestJdk::java).collect(Collectors.toList());
  }

  static String defaultJava() {
    return javas().get(0);
  }

  /**
   * Runs {@code mainAndArgs} (either "-jar", jar, ... or "-cp", path, Main, ...). {@code
   * agentOptions} null means no agent; otherwise events go to a fresh file in the run's folder.
   */
  static Forked run(String java, String agentOptions, List<String> jvmArgs, List<String> mainAndArgs, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path dir = ForkedProcess.newFolder("hd-reliability");
    Path events = dir.resolve("events.jsonl");
    List<String> command = new ArrayList<>();
    command.add(java);
    if (agentOptions != null) {
      String options = "events.file=" + events + (agentOptions.isEmpty() ? "" : "," + agentOptions);
      command.add("-javaagent:" + BuiltJars.AGENT + "=" + options);
    }
    command.add(ForkedProcess.hostsOption(dir));
    command.addAll(jvmArgs);
    command.addAll(mainAndArgs);
    ForkedProcess p = ForkedProcess.run(command, dir, true, environment -> {}, Duration.ofSeconds(timeoutSeconds));
    return new Forked(p.exitCode, p.stdout, p.stderr, dir, events);
  }

  static Forked samples(String java, String agentOptions, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    List<String> main = new ArrayList<>(List.of("-jar", BuiltJars.SAMPLES.toString()));
    main.addAll(List.of(args));
    return run(java, agentOptions, jvmArgs, main, 180);
  }

  /** A harness main from the test classes, with the sample apps (and their PKI) on the class path. */
  static Forked harness(String java, String agentOptions, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "-cp", TEST_CLASSES + File.pathSeparator + BuiltJars.SAMPLES, main.getName()));
    command.addAll(List.of(args));
    return run(java, agentOptions, jvmArgs, command, 300);
  }

  /**
   * Every event line, oldest first: the rolled-over files ({@code events.jsonl.N}, the highest
   * the oldest) and then the current one, since a storm can pass the file's size cap.
   */
  List<String> eventLines() throws IOException {
    List<String> lines = new ArrayList<>();
    int rolled = 0;
    while (Files.exists(events.resolveSibling(events.getFileName() + "." + (rolled + 1)))) {
      rolled++;
    }
    for (int n = rolled; n >= 1; n--) {
      lines.addAll(Files.readAllLines(events.resolveSibling(events.getFileName() + "." + n), StandardCharsets.UTF_8));
    }
    if (Files.exists(events)) {
      lines.addAll(Files.readAllLines(events, StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** key=value lines the harness printed to stdout. */
  String value(String key) {
    for (String line : stdout.split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).trim();
      }
    }
    throw new AssertionError("no " + key + " in output:\n" + describe());
  }

  long number(String key) {
    return Long.parseLong(value(key));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  String describe() {
    String tail = stdout.length() > 6000 ? stdout.substring(stdout.length() - 6000) : stdout;
    String errTail = stderr.length() > 6000 ? stderr.substring(stderr.length() - 6000) : stderr;
    return "exit " + exitCode + " in " + dir + "\n--- stdout\n" + tail + "\n--- stderr\n" + errTail;
  }
}
