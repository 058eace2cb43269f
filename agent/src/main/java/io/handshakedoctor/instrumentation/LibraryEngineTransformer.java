package io.handshakedoctor.instrumentation;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Weaves the TLS engines that come as libraries, in whatever application class loader loads them:
 * netty-tcnative's ({@link TcnativeHookPoints}, Netty's own package or a relocated copy such as
 * gRPC's), BouncyCastle JSSE's ({@link BcJsseHookPoints}) and Conscrypt's ({@link
 * ConscryptHookPoints}); and gRPC's TLS negotiator ({@link GrpcHookPoints}), where a call's trace context
 * meets the connection it starts.
 *
 * <p>A registered transformer makes the JVM copy every class it loads afterwards into a byte array
 * for it (all of JSSE's at the first TLS use: megabytes of garbage, a young collection). So this one
 * is registered only when the first class it weaves is about to be defined: {@code
 * ClassLoader.defineClass}, woven at start-up ({@link JsseHookPoints}), hands every class name to
 * {@link #watch} until then, and the registration happens inside that very {@code defineClass},
 * before the JVM reads the class file, so the class is woven as it loads and nothing is
 * retransformed. A program that never loads one of these engines never registers it. Once
 * registered it stays: Netty loads late, maybe several times (one copy per class loader, one
 * relocated copy per shading library). The woven code calls only the boot loader's HandshakeHooks
 * with Object-typed arguments, so it links in any class loader.
 */
public final class LibraryEngineTransformer implements ClassFileTransformer {
  private final Instrumentation inst;
  private final BiConsumer<String, Throwable> onError;
  private volatile boolean registered;

  private LibraryEngineTransformer(Instrumentation inst, BiConsumer<String, Throwable> onError) {
    this.inst = inst;
    this.onError = onError;
  }

  /**
   * Watches class definitions for the first engine class. Attached to a running JVM, the engine
   * classes already loaded are found in one pass over the loaded classes and retransformed.
   */
  public static void install(Instrumentation inst, BiConsumer<String, Throwable> onError, boolean attached) {
    LibraryEngineTransformer transformer = new LibraryEngineTransformer(inst, onError);
    HandshakeHooks.watchClassDefinitions(new DefinitionWatch(transformer));
    if (attached) {
      transformer.retransformLoaded();
    }
  }

  /**
   * Whether the class (binary name) is one this transformer weaves: a few character comparisons,
   * no allocation, for any other class.
   */
  static boolean weaves(String binaryName) {
    return mayBeHooked(binaryName) && isHooked(binaryName.replace('.', '/'));
  }

  /**
   * The packages of {@link #isHooked}'s classes, Netty's wherever it is relocated; narrow enough
   * that BouncyCastle's certificate and JCE classes (common without its JSSE) do not match.
   */
  private static boolean mayBeHooked(String binaryName) {
    return binaryName.startsWith("org.bouncycastle.jsse.provider.")
        || binaryName.equals("org.bouncycastle.tls.TlsFatalAlertReceived")
        || binaryName.startsWith("org.conscrypt.")
        || binaryName.contains("io.netty.handler.ssl.")
        || binaryName.endsWith("io.grpc.netty.ProtocolNegotiators$ClientTlsHandler");
  }

  /** Whether the class (internal name) is one this transformer weaves. */
  static boolean isHooked(String internalName) {
    return !pointsOf(internalName).isEmpty();
  }

  private static List<HookPoint> pointsOf(String internalName) {
    List<HookPoint> points = TcnativeHookPoints.forClass(internalName);
    if (points.isEmpty()) {
      points = BcJsseHookPoints.forClass(internalName);
    }
    if (points.isEmpty()) {
      points = ConscryptHookPoints.forClass(internalName);
    }
    return points.isEmpty() ? GrpcHookPoints.forClass(internalName) : points;
  }

  /**
   * Registers this transformer, once; the watch ends. A class defined meanwhile on another thread
   * waits here until the transformer is in place, so it is woven too.
   */
  synchronized void register() {
    if (registered) {
      return;
    }
    inst.addTransformer(this, true);
    registered = true;
    HandshakeHooks.watchClassDefinitions(null);
  }

  private void retransformLoaded() {
    List<Class<?>> hooked = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() != null && weaves(c.getName())) {
        hooked.add(c);
      }
    }
    if (hooked.isEmpty()) {
      return; // the watch registers the transformer when one loads
    }
    register();
    for (Class<?> c : hooked) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        onError.accept("retransforming a TLS engine class: " + c.getName(), t);
      }
    }
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader == null || className == null) {
      return null; // Netty, BouncyCastle and Conscrypt are never in the boot loader
    }
    List<HookPoint> points = pointsOf(className);
    if (points.isEmpty()) {
      return null;
    }
    try {
      return HookWeaver.weave(classFile, points);
    } catch (Throwable t) {
      // The class stays as it was: this engine goes undiagnosed, the application is unaffected.
      onError.accept("instrumenting a TLS engine class: " + className, t);
      return null;
    }
  }

  /** Called with the binary name of every class a class loader defines, until the first engine class. */
  private static final class DefinitionWatch implements Consumer<String> {
    private final LibraryEngineTransformer transformer;

    DefinitionWatch(LibraryEngineTransformer transformer) {
      this.transformer = transformer;
    }

    @Override
    public void accept(String binaryName) {
      if (weaves(binaryName)) {
        transformer.register();
      }
    }
  }
}
