package io.handshakedoctor;

import java.util.function.BiConsumer;
import jdk.internal.misc.Unsafe;

/**
 * Defines classes in the boot loader through {@code jdk.internal.misc.Unsafe}: the one thing the
 * agent needs that internal package for. {@link BootstrapInjector} loads this class alone into a
 * class loader of its own and exports {@code jdk.internal.misc} to that loader's module only, so
 * no other class of the agent (nor of the host) can reach {@code Unsafe}. No public API defines a
 * class in the boot loader without appending a jar to the boot class path, which costs the host
 * its class-data sharing (docs/design.md, "Class loaders"). Never loaded by the agent's own class
 * loader.
 *
 * <p>The call is direct, not reflective: on JDK 18 and newer {@code Method.invoke} spins about 20
 * method-handle classes for a new signature at start-up. So this one class is compiled on its own
 * against {@code jdk.internal.misc} (agent/pom.xml); {@code getUnsafe()} and this {@code
 * defineClass} have the same signatures on JDK 11, 17 and 25. Should a JDK lack them, the call
 * fails with a {@link LinkageError} and the injector falls back to the boot class path. Called
 * through {@link BiConsumer} (a java.base type) for the same reason: no {@code Method.invoke}.
 */
public final class BootDefiner implements BiConsumer<String[], byte[][]> {
  /** Defines each class, in order, in the boot loader. */
  @Override
  public void accept(String[] names, byte[][] classFiles) {
    Unsafe unsafe = Unsafe.getUnsafe();
    for (int i = 0; i < names.length; i++) {
      unsafe.defineClass(names[i], classFiles[i], 0, classFiles[i].length, null, null);
    }
  }
}
