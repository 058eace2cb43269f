package io.handshakedoctor;

import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.ConfigSource;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Installs the agent, inside its isolated class loader: puts the bootstrap hooks into the boot
 * loader, reads the settings and starts the runtime. Nothing else happens at start-up;
 * diagnosis, files and logging wait for the first failure.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  public static void install(
      String arguments, Instrumentation inst, boolean attached, JarFile agentJar)
      throws java.io.IOException {
    // Before any code of ours touches the hook classes, so they resolve to the boot loader's copy.
    BootstrapInjector.inject(inst, agentJar);
    AgentConfig config = AgentConfig.from(ConfigSource.of(arguments));
    for (String problem : config.problems()) {
      System.err.println("handshake-doctor: " + problem);
    }
    if (!config.enabled()) {
      return;
    }
    AgentRuntime.start(config, inst);
  }
}
