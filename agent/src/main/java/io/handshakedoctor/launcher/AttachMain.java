package io.handshakedoctor.launcher;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;

/**
 * {@code java -jar handshake-doctor.jar <pid> [options]}: attaches the agent to a running JVM of
 * the same user, with the same option string as {@code -javaagent:handshake-doctor.jar=<options>}.
 * Without arguments it lists the JVMs it can attach to.
 */
public final class AttachMain {
  private AttachMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.out.println("usage: java -jar handshake-doctor.jar <pid> [key=value,...]");
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
}
