package io.handshakedoctor.bench.floor;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The floors under the agent's start-up cost: a real {@code -javaagent} (benchmarks/run.sh builds
 * its jar with the agent's manifest capabilities) that weaves nothing, in one of three modes given
 * as its option:
 *
 * <ul>
 *   <li>{@code empty}: premain returns; what being a {@code -javaagent} at all costs;
 *   <li>{@code hook}: a transformer that returns null for every class stays registered; adds what
 *       the class-file-load hook costs (the JVM hands every later class's bytes to Java);
 *   <li>{@code preload:NAMES} (internal names, comma-separated): as the agent's installer does, a
 *       transformer is registered, the named JDK classes are loaded without being initialised,
 *       those loaded before premain are retransformed, and the transformer is removed; adds what
 *       loading the agent's hooked classes through the hook costs, with zero weaving.
 * </ul>
 *
 * <p>Anything unexpected throws, which stops the JVM: a floor that silently did less would bound
 * nothing.
 */
public final class FloorAgent {
  private static final String PRELOAD = "preload:";

  private FloorAgent() {}

  public static void premain(String options, Instrumentation inst) throws UnmodifiableClassException {
    if ("empty".equals(options)) {
      return;
    }
    if ("hook".equals(options)) {
      inst.addTransformer(new LoadingWatch(new String[0]), true);
    } else if (options != null && options.startsWith(PRELOAD)) {
      preload(inst, options.substring(PRELOAD.length()).split(","));
    } else {
      throw new IllegalArgumentException("floor agent mode: empty, hook or preload:NAMES");
    }
  }

  private static void preload(Instrumentation inst, String[] internalNames)
      throws UnmodifiableClassException {
    LoadingWatch watch = new LoadingWatch(internalNames);
    inst.addTransformer(watch, true);
    try {
      for (String internalName : internalNames) {
        Class<?> loaded = load(internalName);
        if (loaded != null && !watch.sawLoading(internalName)) {
          inst.retransformClasses(loaded); // loaded before premain
        }
      }
    } finally {
      inst.removeTransformer(watch);
    }
  }

  /** Loaded, not initialised, as the agent's installer loads them; null when this JDK has none. */
  private static Class<?> load(String internalName) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException absent) {
      return null;
    }
  }

  /** Transforms nothing; notes which of the watched classes passed through it. */
  private static final class LoadingWatch implements ClassFileTransformer {
    private final Set<String> watched;
    private final Set<String> seen = new HashSet<>();

    LoadingWatch(String[] internalNames) {
      watched = new HashSet<>(Arrays.asList(internalNames));
    }

    @Override
    public byte[] transform(
        ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
      if (className != null && watched.contains(className)) {
        synchronized (seen) {
          seen.add(className);
        }
      }
      return null;
    }

    boolean sawLoading(String internalName) {
      synchronized (seen) {
        return seen.contains(internalName);
      }
    }
  }
}
