package io.handshakedoctor.external;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Starting, waiting for and always stopping the external processes (nginx, openssl, forked JVMs). */
final class Processes {
  private Processes() {}

  /** The nginx binary (Debian installs it in /usr/sbin, often not on a test's PATH). */
  static String nginx() {
    for (String candidate : new String[] {"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"}) {
      if (Files.isExecutable(Paths.get(candidate))) {
        return candidate;
      }
    }
    return onPath("nginx");
  }

  static String openssl() {
    return Files.isExecutable(Paths.get("/usr/bin/openssl")) ? "/usr/bin/openssl" : onPath("openssl");
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Paths.get(dir, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  /**
   * Skips the class, saying what to install, when the external peers are missing (./test.sh
   * installs them where it may; elsewhere these tests cannot run, which is no failure of the agent).
   */
  static void requireTools(boolean needNginx) {
    StringBuilder missing = new StringBuilder();
    if (needNginx && nginx() == null) {
      missing.append(" nginx");
    }
    if (openssl() == null) {
      missing.append(" openssl");
    }
    Assumptions.assumeTrue(missing.length() == 0, () -> "not installed:" + missing
        + "; ./test.sh installs it as root or with sudo, or run: apt-get install -y" + missing);
  }

  /** Ports already handed out in this JVM: the kernel may offer a just-closed port again at once. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A port free now and never returned before in this JVM, so that one server given several (nginx,
   * one per case) never gets the same port twice ("a duplicate default server").
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
        s.setReuseAddress(true);
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no port not handed out before after 100 attempts");
  }

  static Process start(List<String> command, Path dir, String name) throws IOException {
    return start(command, dir, name, null);
  }

  /** Output to {@code dir/name.out} and {@code dir/name.err}; stdin from {@code stdin}, else empty. */
  static Process start(List<String> command, Path dir, String name, Path stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
    return pb.start();
  }

  /** Runs to completion within {@code timeout}, else kills it; returns the exit code (-1 when killed). */
  static int run(List<String> command, Path dir, String name, Path stdin, Duration timeout) throws IOException, InterruptedException {
    Process p = start(command, dir, name, stdin);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return -1;
      }
      return p.exitValue();
    } finally {
      stop(p);
    }
  }

  /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left. */
  static void stop(Process p) {
    if (p == null) {
      return;
    }
    List<ProcessHandle> descendants = p.descendants().collect(java.util.stream.Collectors.toList());
    p.destroy();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.destroyForcibly();
    for (ProcessHandle h : descendants) {
      h.destroyForcibly();
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Waits until {@code file} contains {@code text}; fails early if the process died. */
  /** Starts {@code openssl s_server} (output in {@code name}.out/.err) and waits until it accepts. */
  static Process startSServer(List<String> command, Path dir, String name) throws IOException, InterruptedException {
    Process p = start(command, dir, name);
    try {
      awaitText(dir.resolve(name + ".out"), "ACCEPT", p, Duration.ofSeconds(10),
          "openssl s_server (" + read(dir.resolve(name + ".err")) + ")");
    } catch (AssertionError | RuntimeException e) {
      stop(p);
      throw e;
    }
    return p;
  }

  static void awaitText(Path file, String text, Process p, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (read(file).contains(text)) {
        return;
      }
      if (!p.isAlive() && !read(file).contains(text)) {
        throw new AssertionError(what + " exited (" + p.exitValue() + ") before printing '" + text + "': " + read(file));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + " did not print '" + text + "' within " + timeout + ": " + read(file));
  }

  /** Waits until 127.0.0.1:port accepts TCP connections. */
  static void awaitPort(int port, Process p, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(what + " exited (" + p.exitValue() + ") before listening on " + port);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError(what + " does not listen on 127.0.0.1:" + port + " after " + timeout);
  }
}
