package io.handshakedoctor.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;

/**
 * The agent's entry point, loaded by the system class loader from the jar root. It does as little
 * as possible: puts the jar's bootstrap classes on the boot class path, opens the agent's own
 * isolated class loader, and hands over. Nothing here may stop the host from starting.
 */
public final class HandshakeDoctorAgent {
  private static final String INSTALLER = "io.handshakedoctor.AgentInstaller";

  /**
   * The running copy's installer, so that attaching again only applies the new settings. It is
   * called through a java.base interface, not {@code Method.invoke}: on JDK 18 and newer a
   * reflective call spins method-handle classes for its signature, tens of milliseconds at start-up.
   */
  private static BiConsumer<String, Object[]> installer;

  private HandshakeDoctorAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static synchronized void start(
      String arguments, Instrumentation instrumentation, boolean attached) {
    try {
      if (installer != null) {
        if (arguments != null && arguments.startsWith(ReportCommand.ARGUMENT)) {
          // report <pid>: no new settings
          ReportCommand.answer(installer.getClass().getClassLoader(), arguments);
          return;
        }
        installer.accept(arguments, null); // no installation: reconfigure
        return;
      }
      if (System.getProperty("handshake.doctor.started") != null) {
        return; // another copy of the agent (another jar) already runs
      }
      System.setProperty("handshake.doctor.started", "true");
      File jar = agentJar();
      // The jar root holds only this launcher and the bootstrap hooks (which the installer puts
      // into the boot loader); everything else sits under inst/ where no other loader looks.
      ClassLoader agentLoader =
          new IsolatedClassLoader(jar, ClassLoader.getPlatformClassLoader());
      @SuppressWarnings("unchecked")
      BiConsumer<String, Object[]> entry =
          (BiConsumer<String, Object[]>)
              Class.forName(INSTALLER, true, agentLoader).getDeclaredConstructor().newInstance();
      installer = entry;
      entry.accept(arguments, new Object[] {instrumentation, attached, new JarFile(jar)});
    } catch (Throwable t) {
      System.err.println("handshake-doctor: agent not started: " + t);
    }
  }

  private static File agentJar() throws Exception {
    URI location =
        HandshakeDoctorAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    File file = new File(location);
    if (!file.isFile()) {
      throw new IllegalStateException("not running from the agent jar: " + file);
    }
    return file;
  }
}
