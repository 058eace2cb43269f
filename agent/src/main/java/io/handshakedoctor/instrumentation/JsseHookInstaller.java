package io.handshakedoctor.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
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
      List<Class<?>> loadedBefore = new ArrayList<>();
      for (String internalName : hooked) {
        Class<?> loaded = load(internalName, onError);
        if (loaded != null && !transformer.sawLoading(internalName)) {
          loadedBefore.add(loaded); // loaded before the agent (attach)
        }
      }
      retransform(inst, loadedBefore, onError);
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

  /**
   * All in one call: each call is a safepoint of its own that walks every loaded class, so one per
   * class stopped an attached-to service ten times, 15-35 ms each. Should the batch fail (then none
   * is changed), each class is tried alone so that one class's failure keeps the others' hooks.
   */
  private static void retransform(Instrumentation inst, List<Class<?>> classes, BiConsumer<String, Throwable> onError) {
    if (classes.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(classes.toArray(new Class<?>[0]));
      return;
    } catch (Throwable batchFailed) {
      // below, one by one, each failure with its class
    }
    for (Class<?> c : classes) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        onError.accept("retransforming JSSE: " + c.getName(), t);
      }
    }
  }
}
