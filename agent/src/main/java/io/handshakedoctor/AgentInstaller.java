package io.handshakedoctor;

import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.ConfigSource;
import java.lang.instrument.Instrumentation;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;

/**
 * Installs the agent, inside its isolated class loader: puts the bootstrap hooks into the boot
 * loader, reads the settings and starts the runtime. Nothing else happens at start-up;
 * diagnosis, files and logging wait for the first failure. A later attach to the same JVM comes
 * to {@link #reconfigure}: it applies the new settings and installs nothing a second time.
 */
public final class AgentInstaller implements BiConsumer<String, Object[]> {
  /** Where the running agent says what an attach did; the attach command prints it. */
  static final String STATUS_PROPERTY = "handshake.doctor.status";

  private static Instrumentation instrumentation; // guarded by AgentInstaller.class
  private static String arguments = "";
  private static Reporting reporting;

  /** Made once by the launcher, which calls {@link #accept} instead of reflecting on the methods. */
  public AgentInstaller() {}

  /**
   * The launcher's entry: {@code installation} is {instrumentation, attached, agent jar} for the
   * first start, null for a later attach (then only the settings change).
   */
  @Override
  public void accept(String arguments, Object[] installation) {
    if (installation == null) {
      reconfigure(arguments);
      return;
    }
    try {
      install(arguments, (Instrumentation) installation[0], (Boolean) installation[1], (JarFile) installation[2]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static synchronized void install(
      String arguments, Instrumentation inst, boolean attached, JarFile agentJar)
      throws java.io.IOException {
    // Before any code of ours touches the hook classes, so they resolve to the boot loader's copy.
    BootstrapInjector.inject(inst, agentJar);
    instrumentation = inst;
    AgentInstaller.arguments = arguments == null ? "" : arguments;
    AgentConfig config = configure(AgentInstaller.arguments);
    if (!config.enabled()) {
      status("installed nothing (enabled=false)");
      return;
    }
    reporting = AgentRuntime.start(config, inst, attached); // an attach publishes the JMX view there
    status("started");
  }

  /**
   * A second attach: its settings are laid over the first ones (a key given again wins; the rest
   * stay), so {@code enabled=false} and later {@code enabled=true} turn reporting off and on
   * again without losing the events file or log settings.
   */
  public static synchronized void reconfigure(String more) {
    if (more != null && !more.isBlank()) {
      arguments = arguments.isBlank() ? more : arguments + "," + more;
    }
    AgentConfig config = configure(arguments);
    if (reporting == null) {
      if (config.enabled()) {
        // Started late: TLS engine classes may have loaded meanwhile.
        reporting = AgentRuntime.start(config, instrumentation, true);
        status("started");
      } else {
        status("installed nothing (enabled=false)");
      }
      return;
    }
    AgentRuntime.apply(config, reporting, instrumentation);
    reporting.publish();
    status(config.enabled() ? "already running: settings applied, reporting on" : "already running: reporting off");
    System.err.println("handshake-doctor: attached again: " + System.getProperty(STATUS_PROPERTY));
  }

  private static AgentConfig configure(String args) {
    AgentConfig config = AgentConfig.from(ConfigSource.of(args));
    for (String problem : config.problems()) {
      System.err.println("handshake-doctor: " + problem);
    }
    return config;
  }

  private static void status(String what) {
    String line = what + " (" + (arguments.isBlank() ? "default settings" : arguments) + ")";
    System.setProperty(STATUS_PROPERTY, line);
  }
}
