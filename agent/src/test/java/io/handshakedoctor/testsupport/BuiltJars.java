package io.handshakedoctor.testsupport;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The jars the build made that the integration tests fork, where failsafe's system properties say they are. */
public final class BuiltJars {
  /** The agent, for {@code -javaagent}. */
  public static final Path AGENT = path("agent.jar", "target/handshake-doctor.jar");
  /** The sample apps (scenarios, Connect, Serve) and their PKI. */
  public static final Path SAMPLES = path("samples.jar", "../sample-apps/target/sample-apps.jar");

  private BuiltJars() {}

  private static Path path(String property, String fallback) {
    return Paths.get(System.getProperty(property, fallback)).toAbsolutePath();
  }
}
