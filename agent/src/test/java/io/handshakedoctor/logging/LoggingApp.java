package io.handshakedoctor.logging;

import io.handshakedoctor.testsupport.BuiltJars;
import io.handshakedoctor.testsupport.ForkedProcess;
import io.handshakedoctor.logging.apps.JulApp;
import io.handshakedoctor.logging.apps.Log4j2App;
import io.handshakedoctor.logging.apps.LogbackApp;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the small applications in {@code apps}, forked with only its logging framework on the
 * class path (taken from this JVM's test class path), its configuration found the way a real
 * service finds it, with or without the agent.
 */
enum LoggingApp {
  /** SLF4J and logback; logback.xml on the class path. */
  LOGBACK(LogbackApp.class, "WARN", List.of("slf4j-api-", "logback-classic-", "logback-core-")),
  /** Log4j 2 API and core with log4j-slf4j2-impl; log4j2.xml on the class path. */
  LOG4J2(Log4j2App.class, "WARN", List.of("slf4j-api-", "log4j-api-", "log4j-core-", "log4j-slf4j2-impl-")),
  /** java.util.logging, configured with -Djava.util.logging.config.file; no SLF4J at all. */
  JUL(JulApp.class, "WARNING", List.of()),
  /** The JUL app with slf4j-api but no SLF4J provider on its class path (SLF4J's NOP fallback). */
  JUL_WITH_SLF4J_API_ONLY(JulApp.class, "WARNING", List.of("slf4j-api-"));


  private final Class<?> main;
  /** How the framework writes the level of the agent's WARNING line with our patterns. */
  final String warnLevel;
  private final List<String> jarPrefixes;

  LoggingApp(Class<?> main, String warnLevel, List<String> jarPrefixes) {
    this.main = main;
    this.warnLevel = warnLevel;
    this.jarPrefixes = jarPrefixes;
  }

  /** Where this framework's log goes with the test configurations. */
  String log(Output run) {
    return isJul() ? run.stderr : run.stdout;
  }

  boolean isJul() {
    return this == JUL || this == JUL_WITH_SLF4J_API_ONLY;
  }

  /** Runs the app against a server with an expired certificate; null options: no agent. */
  Output run(TestJdk jdk, String client, String agentOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(jdk.java());
    if (agentOptions != null) {
      command.add("-javaagent:" + BuiltJars.AGENT + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
    }
    if (isJul()) {
      command.add("-Djava.util.logging.config.file=" + resource("logging-apps/jul.properties"));
    }
    command.add("-cp");
    command.add(classPath());
    command.add(main.getName());
    command.add(client);
    ForkedProcess p = ForkedProcess.run(command, ForkedProcess.newFolder("hd-logging"), Duration.ofSeconds(120));
    return new Output(command, p.exitCode, p.stdout, p.stderr);
  }

  private String classPath() {
    List<String> entries = new ArrayList<>();
    if (this == LOGBACK) {
      entries.add(resource("logging-apps/logback"));
    } else if (this == LOG4J2) {
      entries.add(resource("logging-apps/log4j2"));
    }
    entries.add(location(main));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Paths.get(entry).getFileName().toString();
      if (name.startsWith("bcprov-") || name.startsWith("bcpkix-") || name.startsWith("bcutil-")) {
        entries.add(entry);
      }
      for (String prefix : jarPrefixes) {
        if (name.startsWith(prefix) && name.endsWith(".jar")) {
          entries.add(entry);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String location(Class<?> c) {
    try {
      return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    URL url = LoggingApp.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    try {
      return Paths.get(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What one forked run printed. */
  static final class Output {
    final List<String> command;
    final int exitCode;
    final String stdout;
    final String stderr;

    Output(List<String> command, int exitCode, String stdout, String stderr) {
      this.command = command;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String describe() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
