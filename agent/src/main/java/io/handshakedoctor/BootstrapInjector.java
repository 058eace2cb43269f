package io.handshakedoctor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap hook classes into the boot class loader, where advice inlined into java.base
 * can reach them. Defining the two classes directly keeps the JVM's class-data sharing intact;
 * appending a jar to the boot class path (the fallback) makes HotSpot print a warning on the
 * host's output and stop sharing application classes.
 */
final class BootstrapInjector {
  /** In dependency order: the interface before the class that uses it. */
  private static final String[] CLASSES = {
    "io.handshakedoctor.bootstrap.HandshakeListener", "io.handshakedoctor.bootstrap.HandshakeHooks"
  };

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
    Module javaBase = Object.class.getModule();
    inst.redefineModule(
        javaBase,
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            java.security.ProtectionDomain.class);
    for (String name : CLASSES) {
      byte[] bytes = read(agentJar, name.replace('.', '/') + ".class");
      define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
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
