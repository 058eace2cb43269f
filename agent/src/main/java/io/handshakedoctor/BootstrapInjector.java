package io.handshakedoctor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap hook classes into the boot class loader, where advice inlined into java.base
 * can reach them. Defining the two classes directly keeps the JVM's class-data sharing intact;
 * appending a jar to the boot class path (the fallback) makes HotSpot print a warning on the
 * host's output and stop sharing application classes. The definition needs
 * {@code jdk.internal.misc.Unsafe}, exported only to {@link BootDefiner}'s one-class loader.
 */
final class BootstrapInjector {
  /** In dependency order: the interface before the class that uses it. */
  private static final String[] CLASSES = {
    "io.handshakedoctor.bootstrap.HandshakeListener", "io.handshakedoctor.bootstrap.HandshakeHooks"
  };

  private static final String BOOT_DEFINER = "io.handshakedoctor.BootDefiner";

  private BootstrapInjector() {}

  static void inject(Instrumentation inst, JarFile agentJar) throws IOException {
    if (alreadyInBootLoader()) {
      return;
    }
    try {
      defineInBootLoader(inst, agentJar);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      inst.appendToBootstrapClassLoaderSearch(agentJar);
    }
  }

  private static boolean alreadyInBootLoader() {
    try {
      Class.forName(CLASSES[CLASSES.length - 1], false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void defineInBootLoader(Instrumentation inst, JarFile agentJar)
      throws ReflectiveOperationException, IOException {
    byte[][] classFiles = new byte[CLASSES.length][];
    for (int i = 0; i < CLASSES.length; i++) {
      classFiles[i] = read(agentJar, CLASSES[i].replace('.', '/') + ".class");
    }
    // BootDefiner alone in a loader of its own: jdk.internal.misc is exported to nothing else.
    Class<?> definer = new OneClassLoader().define(BOOT_DEFINER, definerBytes());
    inst.redefineModule(
        Object.class.getModule(),
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(definer.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    @SuppressWarnings("unchecked")
    BiConsumer<String[], byte[][]> define =
        (BiConsumer<String[], byte[][]>) definer.getDeclaredConstructor().newInstance();
    define.accept(CLASSES, classFiles);
  }

  /** BootDefiner's class file, from the agent's own loader (the jar's {@code inst/}). */
  private static byte[] definerBytes() throws IOException {
    String resource = BOOT_DEFINER.replace('.', '/') + ".class";
    try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing from the agent jar: " + resource);
      }
      return in.readAllBytes();
    }
  }

  /** Defines one class; its unnamed module is what the export goes to. Child of the platform loader. */
  private static final class OneClassLoader extends ClassLoader {
    OneClassLoader() {
      super("handshake-doctor-boot-definer", ClassLoader.getPlatformClassLoader());
    }

    Class<?> define(String name, byte[] classFile) {
      return defineClass(name, classFile, 0, classFile.length);
    }
  }

  private static byte[] read(JarFile jar, String entry) throws IOException {
    java.util.jar.JarEntry e = jar.getJarEntry(entry);
    if (e == null) {
      throw new IOException("missing from the agent jar: " + entry);
    }
    try (InputStream in = jar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
