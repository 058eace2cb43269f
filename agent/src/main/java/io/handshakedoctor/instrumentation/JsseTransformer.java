package io.handshakedoctor.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The class file transformer {@link JsseHookInstaller} registers while it loads the hooked classes:
 * it weaves the handful of JSSE classes in {@link JsseHookPoints} and ignores everything else.
 */
final class JsseTransformer implements ClassFileTransformer {
  private static final ClassLoader PLATFORM_LOADER = ClassLoader.getPlatformClassLoader();
  private final BiConsumer<String, Throwable> onError;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  JsseTransformer(BiConsumer<String, Throwable> onError) {
    this.onError = onError;
  }

  /** Whether the class passed through this transformer (woven, or failed and reported). */
  boolean sawLoading(String internalName) {
    return seen.contains(internalName);
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
    if (!JsseHookPoints.classNames().contains(className)) {
      return null;
    }
    seen.add(className);
    try {
      List<HookPoint> points = JsseHookPoints.forClass(className);
      return points.isEmpty() ? null : HookWeaver.weave(classFile, points);
    } catch (Throwable t) {
      // The class stays as it was: fewer details for the agent, never a broken JDK.
      onError.accept("instrumenting JSSE: " + className, t);
      return null;
    }
  }
}
