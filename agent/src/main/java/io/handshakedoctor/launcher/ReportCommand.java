package io.handshakedoctor.launcher;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar handshake-doctor.jar report <pid> [--json]}: prints the peer inventory of a JVM
 * running the agent (docs/early-warnings.md). The command attaches the jar again with the argument
 * {@code report=<file>:<format>}; the agent already running there writes its report to that file
 * (see {@link #answer}) and this command prints it. The file lives in a private temporary folder.
 */
final class ReportCommand {
  static final String ARGUMENT = "report=";
  private static final String REQUEST = "io.handshakedoctor.InventoryReportRequest";

  private ReportCommand() {}

  static int run(String[] args, String jar) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: java -jar handshake-doctor.jar report <pid> [--json]");
      return 2;
    }
    String format = args.length > 2 && args[2].equals("--json") ? "json" : "text";
    Path dir = Files.createTempDirectory("handshake-doctor-report");
    Path file = dir.resolve("report." + format);
    try {
      VirtualMachine vm = VirtualMachine.attach(args[1]);
      try {
        vm.loadAgent(jar, ARGUMENT + file + ":" + format);
      } finally {
        vm.detach();
      }
      if (!Files.exists(file)) {
        System.err.println("handshake-doctor: JVM " + args[1] + " wrote no report: the agent does not run there (attach it first: java -jar handshake-doctor.jar " + args[1] + ")");
        return 1;
      }
      System.out.print(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      System.out.flush();
      return 0;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** In the target JVM: a report request for the agent loaded by {@code agentLoader}. */
  static void answer(ClassLoader agentLoader, String argument) {
    if (agentLoader == null) {
      return; // this copy of the launcher did not start the agent: no report is written
    }
    String spec = argument.substring(ARGUMENT.length());
    int colon = spec.lastIndexOf(':');
    String file = spec.substring(0, colon);
    String format = spec.substring(colon + 1);
    try {
      Method write = Class.forName(REQUEST, true, agentLoader).getMethod("write", String.class, String.class);
      write.invoke(null, new File(file).getAbsolutePath(), format);
    } catch (Throwable t) {
      System.err.println("handshake-doctor: report not written: " + t);
    }
  }
}
