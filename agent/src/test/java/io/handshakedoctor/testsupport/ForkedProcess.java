package io.handshakedoctor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One forked process run to its end: its output in {@code stdout} and {@code stderr} files of its own folder, read
 * back whole; a run past its time limit is killed and fails the test. The one way the integration tests fork a JVM
 * and wait for it.
 */
public final class ForkedProcess {
  public final int exitCode;
  public final String stdout;
  public final String stderr;
  /** The folder holding its output files (and, by choice of the caller, its other files). */
  public final Path dir;
  public final long millis;

  private ForkedProcess(int exitCode, String stdout, String stderr, Path dir, long millis) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.dir = dir;
    this.millis = millis;
  }

  /** A new folder for one run's files, named after {@code prefix}. */
  public static Path newFolder(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /**
   * The test hosts file in {@code dir} (the demo names on 127.0.0.1) and the JVM option that reads it.
   */
  public static String hostsOption(Path dir) throws IOException {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 app.handshake-doctor.test other.handshake-doctor.test\n");
    return "-Djdk.net.hosts.file=" + hosts;
  }

  /** Runs {@code command} in the test's working folder, its output in {@code dir}, the environment as inherited. */
  public static ForkedProcess run(List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
    return run(command, dir, false, environment -> {}, timeout);
  }

  /**
   * @param workInDir whether the process runs in {@code dir} rather than in the test's working folder
   * @param environment changes to the inherited environment
   */
  public static ForkedProcess run(List<String> command, Path dir, boolean workInDir, Consumer<Map<String, String>> environment,
      Duration timeout) throws IOException, InterruptedException {
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (workInDir) {
      builder.directory(dir.toFile());
    }
    environment.accept(builder.environment());
    long start = System.nanoTime();
    Process p = builder.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after " + timeout.getSeconds() + " s: " + command + "\n" + Files.readString(err));
    }
    return new ForkedProcess(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        dir, (System.nanoTime() - start) / 1_000_000);
  }
}
