package io.handshakedoctor.faultinjection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jar a forked JVM's agent loads the fault injector from ({@code decorators.jar}): this
 * package's compiled classes and the service file that names {@link InjectedFaults}, written
 * once per test run beside the test classes. The agent jar itself carries none of it. Names no
 * class of the agent: the integration tests that use it run with the agent jar, whose classes
 * they cannot see.
 */
public final class FaultInjectionJar {
  /** The stage to fail, a system property of the forked JVM that {@link InjectedFaults} reads. */
  public static final String PROPERTY = "handshake.doctor.test.fail";
  private static final String SEAM = "io.handshakedoctor.PartDecorator";
  private static Path jar;

  private FaultInjectionJar() {}

  /** The forked JVM's options that make {@code stage} fail ({@link InjectedFaults}). */
  public static List<String> jvmOptions(String stage) throws IOException {
    return List.of("-Dhandshake.doctor.decorators.jar=" + path(), "-D" + PROPERTY + "=" + stage);
  }

  /** What the injected fault says, so a test can tell it was reached. */
  public static String message(String stage) {
    return "injected fault (" + PROPERTY + "=" + stage + ")";
  }

  public static synchronized Path path() throws IOException {
    if (jar == null) {
      Path classes = testClasses();
      Path written = classes.resolveSibling("fault-injection.jar");
      String pkg = FaultInjectionJar.class.getPackageName().replace('.', '/');
      List<Path> classFiles;
      try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
        classFiles = files.filter(f -> f.toString().endsWith(".class") && !f.toString().endsWith("Test.class")).sorted().collect(Collectors.toList());
      }
      // Written aside and moved into place: test JVMs forked side by side may both write it.
      Path partial = Files.createTempFile(classes.getParent(), "fault-injection", ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial))) {
        for (Path f : classFiles) {
          out.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
          Files.copy(f, out);
          out.closeEntry();
        }
        out.putNextEntry(new JarEntry("META-INF/services/" + SEAM));
        write(out, FaultInjectionJar.class.getPackageName() + ".InjectedFaults\n");
        out.closeEntry();
      }
      Files.move(partial, written, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      jar = written;
    }
    return jar;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path testClasses() {
    try {
      return Paths.get(FaultInjectionJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
