package io.handshakedoctor.otel;

import io.handshakedoctor.testsupport.ForkedProcess;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A JDK to fork ({@link TestJdk}), and one forked run's result. */
final class Jvm {
  static final Path OTEL_AGENT_JAR = path("otel.javaagent.jar", "target/otel-it/opentelemetry-javaagent.jar");
  static final Path ZIPKIN_JAR = path("zipkin.jar", "target/otel-it/zipkin-server-exec.jar");

  private final TestJdk jdk;

  private Jvm(TestJdk jdk) {
    this.jdk = jdk;
  }

  static List<Jvm> all() {
    return TestJdk.all().stream().map(Jvm::new).collect(Collectors.toList());
  }

  String java() {
    return jdk.java();
  }

  @Override
  public String toString() {
    return jdk.toString();
  }

  /** Runs {@code java <args>}; fails the test after {@code timeoutSeconds}. */
  Result run(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(args);
    ForkedProcess p = ForkedProcess.run(command, ForkedProcess.newFolder("hd-otel-it"), Duration.ofSeconds(timeoutSeconds));
    return new Result(p.exitCode, p.stdout, p.stderr, p.millis);
  }

  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;
    final long millis;

    Result(int exitCode, String stdout, String stderr, long millis) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      this.millis = millis;
    }

    String describe() {
      return "exit " + exitCode + " after " + millis + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private static Path path(String property, String fallback) {
    return Paths.get(System.getProperty(property, fallback)).toAbsolutePath();
  }
}
