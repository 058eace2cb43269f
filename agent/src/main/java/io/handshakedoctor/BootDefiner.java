package io.handshakedoctor;

import java.lang.reflect.Method;

/**
 * Defines classes in the boot loader through {@code jdk.internal.misc.Unsafe}: the one thing the
 * agent needs that internal package for. {@link BootstrapInjector} loads this class alone into a
 * class loader of its own and exports {@code jdk.internal.misc} to that loader's module only, so
 * no other class of the agent (nor of the host) can reach {@code Unsafe}. Reflective because no
 * public API defines a class in the boot loader without appending a jar to the boot class path,
 * which costs the host its class-data sharing (docs/design.md, "Class loaders"). Never loaded by
 * the agent's own class loader.
 */
public final class BootDefiner {
  private BootDefiner() {}

  /** Defines each class, in order, in the boot loader. */
  public static void define(String[] names, byte[][] classFiles) throws ReflectiveOperationException {
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
    for (int i = 0; i < names.length; i++) {
      define.invoke(unsafe, names[i], classFiles[i], 0, classFiles[i].length, null, null);
    }
  }
}
