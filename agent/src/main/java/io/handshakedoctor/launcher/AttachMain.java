package io.handshakedoctor.launcher;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.io.IOException;

/**
 * {@code java -jar handshake-doctor.jar <pid> [options]}: attaches the agent to a running JVM of
 * the same user, with the same option string as {@code -javaagent:handshake-doctor.jar=<options>}.
 * Attaching to a JVM where the agent already runs applies the new options only. Prints what the
 * target did, or why it refused. Without arguments it lists the JVMs it can attach to; {@code
 * --version} prints the jar's version.
 */
public final class AttachMain {
  /** Set by the agent in the target: what this attach did. */
  private static final String STATUS_PROPERTY = "handshake.doctor.status";

  private AttachMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && "--version".equals(args[0])) {
      System.out.println(version());
      return;
    }
    if (args.length == 0 || args[0].startsWith("-")) {
      System.out.println("usage: java -jar handshake-doctor.jar <pid> [key=value,...] | --version");
      System.out.println("JVMs on this machine:");
      for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
        System.out.println("  " + vm.id() + "  " + vm.displayName());
      }
      System.exit(args.length == 0 ? 0 : 1);
    }
    String jar =
        new File(AttachMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getAbsolutePath();
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(args[0]);
    } catch (AttachNotSupportedException | IOException e) {
      System.err.println("handshake-doctor: cannot attach to JVM " + args[0]
          + " (not running, another user's, or not a HotSpot JVM): " + e);
      System.exit(1);
      return;
    }
    String status;
    try {
      vm.loadAgent(jar, args.length > 1 ? args[1] : "");
      status = vm.getSystemProperties().getProperty(STATUS_PROPERTY, "started");
    } catch (AgentLoadException | AgentInitializationException | IOException e) {
      System.err.println(refusal(args[0], e));
      System.exit(2);
      return;
    } finally {
      vm.detach();
    }
    System.out.println("handshake-doctor attached to " + args[0] + ": " + status);
  }

  /**
   * JDK 21+ targets started with {@code -XX:-EnableDynamicAgentLoading} refuse the agent (JEP
   * 451); the attach API reports it only as a generic load failure, so say what it means.
   */
  static String refusal(String pid, Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("EnableDynamicAgentLoading") || message.contains("Dynamic agent loading")) {
      return "handshake-doctor: JVM " + pid + " refuses agents loaded at run time"
          + " (it was started with -XX:-EnableDynamicAgentLoading): restart it with"
          + " -javaagent:" + "handshake-doctor.jar or -XX:+EnableDynamicAgentLoading. (" + e + ")";
    }
    return "handshake-doctor: could not load the agent into JVM " + pid + ": " + e;
  }

  /** {@code handshake-doctor 0.1.0}, from the jar manifest's Implementation-Title and -Version. */
  static String version() {
    Package p = AttachMain.class.getPackage();
    String title = p.getImplementationTitle();
    String version = p.getImplementationVersion();
    return (title == null ? "handshake-doctor" : title) + " "
        + (version == null ? "(version unknown: not run from the jar)" : version);
  }
}
