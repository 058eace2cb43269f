package io.handshakedoctor.it;

import io.handshakedoctor.testsupport.BuiltJars;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.handshakedoctor.testsupport.ForkedProcess;
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

/** One forked JVM running a sample app, with or without the agent, and what it left behind. */
final class ForkedRun {
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
    Path dir = ForkedProcess.newFolder("hd-it");
    Path events = dir.resolve("events.jsonl");
    List<String> command = new ArrayList<>();
    command.add(jdk.java());
    String agent = null;
    if (agentOptions != null) {
      String options = "events.file=" + events + ",log=stderr" + (agentOptions.isEmpty() ? "" : "," + agentOptions);
      agent = "-javaagent:" + BuiltJars.AGENT + "=" + options;
    }
    if (agent != null && !agentInToolOptions) {
      command.add(agent);
    }
    command.add(ForkedProcess.hostsOption(dir));
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(BuiltJars.SAMPLES.toString());
    command.addAll(List.of(args));
    String toolOptions = agent != null && agentInToolOptions ? agent : null;
    ForkedProcess p = ForkedProcess.run(command, dir, false, environment -> {
      // One set by the machine or CI would add its flags (or a second agent) to every run compared here.
      environment.remove("JAVA_TOOL_OPTIONS");
      if (toolOptions != null) {
        environment.put("JAVA_TOOL_OPTIONS", toolOptions);
      }
    }, Duration.ofSeconds(120));
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
    return new ForkedRun(p.exitCode, p.stdout, p.stderr, parsed);
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
