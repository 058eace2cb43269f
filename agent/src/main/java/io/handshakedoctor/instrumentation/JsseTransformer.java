package io.handshakedoctor.instrumentation;

import io.handshakedoctor.capture.InjectedFaults;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A class file transformer that ignores everything but the handful of JSSE classes in {@link
 * JsseHookPoints}. Byte Buddy is only loaded when the first of them is (the first TLS connection),
 * so a JVM that never speaks TLS pays nothing but a name lookup per loaded class.
 */
public final class JsseTransformer implements ClassFileTransformer {
  private static final ClassLoader PLATFORM_LOADER = ClassLoader.getPlatformClassLoader();
  private final BiConsumer<String, Throwable> onError;
  private volatile AdviceWeaver weaver;

  public JsseTransformer(BiConsumer<String, Throwable> onError) {
    this.onError = onError;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (className == null || (loader != null && loader != PLATFORM_LOADER)) {
      return null; // SunJSSE is in java.base (boot loader), java.net.http in the platform loader
    }
    if (!HookedClasses.contains(className)) {
      return null;
    }
    List<HookPoint> points = JsseHookPoints.forClass(className);
    if (points.isEmpty()) {
      return null;
    }
    try {
      InjectedFaults.maybeFail("transform"); // test only
      return weaver().weave(className, classFile, points);
    } catch (Throwable t) {
      // The class stays as it was: fewer details for the agent, never a broken JDK.
      onError.accept("instrumenting JSSE: " + className, t);
      return null;
    }
  }

  private AdviceWeaver weaver() {
    AdviceWeaver w = weaver;
    if (w == null) {
      synchronized (this) {
        w = weaver;
        if (w == null) {
          w = new AdviceWeaver();
          weaver = w;
        }
      }
    }
    return w;
  }
}
