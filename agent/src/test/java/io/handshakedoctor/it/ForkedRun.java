package io.handshakedoctor.it;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One forked JVM running a sample app, with or without the agent, and what it left behind. */
final class ForkedRun {
  static final Path AGENT_JAR = Paths.get(System.getProperty("agent.jar", "target/handshake-doctor.jar")).toAbsolutePath();
  static final Path SAMPLES_JAR =
      Paths.get(System.getProperty("samples.jar", "../sample-apps/target/sample-apps.jar")).toAbsolutePath();
  private static final Type EVENT = new TypeToken<Map<String, Object>>() {}.getType();

  final int exitCode;
  final String stdout;
  final String stderr;
  final List<Map<String, Object>> events;

  private ForkedRun(int exitCode, String stdout, String stderr, List<Map<String, Object>> events) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.events = events;
  }

  /** Runs the sample apps' main with {@code args}; {@code agentOptions} null means no agent. */
  static ForkedRun samples(TestJdk jdk, String agentOptions, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    return fork(jdk, agentOptions, false, jvmArgs, args);
  }

  /**
   * As {@link #samples}, with the agent given in the JAVA_TOOL_OPTIONS environment variable (as
   * containers and platforms add agents) instead of on the command line.
   */
  static ForkedRun samplesWithAgentInToolOptions(TestJdk jdk, String agentOptions, String... args)
      throws IOException, InterruptedException {
    return fork(jdk, agentOptions, true, List.of(), args);
  }

  private static ForkedRun fork(
      TestJdk jdk, String agentOptions, boolean agentInToolOptions, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("hd-it");
    Path events = dir.resolve("events.jsonl");
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 app.handshake-doctor.test other.handshake-doctor.test\n");
    List<String> command = new ArrayList<>();
    command.add(jdk.java());
    String agent = null;
    if (agentOptions != null) {
      String options = "events.file=" + events + ",log=stderr" + (agentOptions.isEmpty() ? "" : "," + agentOptions);
      agent = "-javaagent:" + AGENT_JAR + "=" + options;
    }
    if (agent != null && !agentInToolOptions) {
      command.add(agent);
    }
    command.add("-Djdk.net.hosts.file=" + hosts);
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(SAMPLES_JAR.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // One set by the machine or CI would add its flags (or a second agent) to every run compared here.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (agent != null && agentInToolOptions) {
      builder.environment().put("JAVA_TOOL_OPTIONS", agent);
    }
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    List<Map<String, Object>> parsed = new ArrayList<>();
    if (Files.exists(events)) {
      Gson gson = new Gson();
      for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
        Map<String, Object> event = line.isBlank() ? null : gson.fromJson(line, EVENT);
        // Failure events only: the early warnings of successful handshakes (a scenario's own
        // client certificate that expired, say) are the inventory's tests' business.
        if (event != null && !"handshake_doctor.handshake.warning".equals(event.get("event.name"))) {
          parsed.add(event);
        }
      }
    }
    return new ForkedRun(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        parsed);
  }

  /** The events written for {@code side} (client or server). */
  List<Map<String, Object>> eventsFor(String side) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : events) {
      if (side.equals(e.get("handshake_doctor.side"))) {
        out.add(e);
      }
    }
    return out;
  }

  String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr + "\n--- events\n" + events;
  }
}
