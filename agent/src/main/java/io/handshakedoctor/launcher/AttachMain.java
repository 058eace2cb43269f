package io.handshakedoctor.launcher;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;

/**
 * {@code java -jar handshake-doctor.jar <pid> [options]}: attaches the agent to a running JVM of
 * the same user, with the same option string as {@code -javaagent:handshake-doctor.jar=<options>}.
 * Without arguments it lists the JVMs it can attach to; {@code --version} prints the jar's version.
 */
public final class AttachMain {
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
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgent(jar, args.length > 1 ? args[1] : "");
    } finally {
      vm.detach();
    }
    System.out.println("handshake-doctor attached to " + args[0]);
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
