package io.handshakedoctor.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.function.BiConsumer;

/**
 * Weaves the hooks into JSSE once, at start-up (or attach), and then leaves class loading alone.
 *
 * <p>A registered class file transformer makes the JVM copy every class it loads afterwards into a
 * byte array and call the transformer with it: about 5 MB of garbage and a Java call per class for
 * the first TLS connection alone, and for the JVM's whole life. So the transformer is registered
 * only while the handful of hooked classes are loaded (without being initialised: no JSSE code
 * runs) and woven; classes already loaded (attach) are retransformed; then it is removed. A JDK
 * that lacks one of the classes keeps the others' hooks.
 *
 * <p>The price: a later retransformation of a hooked class by another agent rebuilds it from the
 * JDK's bytes, without the hooks (no agent known to retransform SunJSSE's internals does so).
 */
public final class JsseHookInstaller {
  private JsseHookInstaller() {}

  public static void install(Instrumentation inst, BiConsumer<String, Throwable> onError) {
    // The hook points (and the class names the transformer filters on) load before the
    // transformer is registered: no class of ours loads inside its filter.
    java.util.Set<String> hooked = JsseHookPoints.classNames();
    JsseTransformer transformer = new JsseTransformer(onError);
    inst.addTransformer(transformer, true);
    try {
      for (String internalName : hooked) {
        Class<?> loaded = load(internalName, onError);
        if (loaded != null && !transformer.sawLoading(internalName)) {
          retransform(inst, loaded, onError); // loaded before the agent
        }
      }
    } finally {
      inst.removeTransformer(transformer);
    }
  }

  /** The class, loaded (not initialised) if it was not yet; null when this JDK has none. */
  private static Class<?> load(String internalName, BiConsumer<String, Throwable> onError) {
    String name = internalName.replace('/', '.');
    try {
      // The platform loader finds java.net.http's classes and delegates java.base's to the boot loader.
      return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException absent) {
      return null;
    } catch (Throwable t) {
      onError.accept("loading JSSE: " + name, t);
      return null;
    }
  }

  private static void retransform(Instrumentation inst, Class<?> c, BiConsumer<String, Throwable> onError) {
    try {
      inst.retransformClasses(c);
    } catch (Throwable t) {
      onError.accept("retransforming JSSE: " + c.getName(), t);
    }
  }
}
