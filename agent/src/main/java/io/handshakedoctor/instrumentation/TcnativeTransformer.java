package io.handshakedoctor.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Weaves netty-tcnative's engine and trust callbacks ({@link TcnativeHookPoints}) in whatever
 * application class loader loads them, Netty's own package or a relocated copy (gRPC's shaded
 * one), whenever that happens; and BouncyCastle JSSE's ({@link BcJsseHookPoints}) and Conscrypt's
 * ({@link ConscryptHookPoints}), which also live in application class loaders, and gRPC's TLS negotiator
 * ({@link GrpcHookPoints}).
 *
 * <p>Unlike JSSE's, this transformer stays registered: Netty is loaded late, maybe several times
 * (one copy per class loader, one relocated copy per shading library). Every class loaded after
 * start-up passes through it; it answers with a name check that allocates nothing, and weaves
 * nothing but these few classes. The woven code calls only the boot loader's HandshakeHooks with
 * Object-typed arguments, so it links in any class loader.
 */
public final class TcnativeTransformer implements ClassFileTransformer {
  private final BiConsumer<String, Throwable> onError;

  private TcnativeTransformer(BiConsumer<String, Throwable> onError) {
    this.onError = onError;
  }

  /** Registers the transformer and weaves the hooked classes some class loader already has (attach). */
  public static void install(Instrumentation inst, BiConsumer<String, Throwable> onError) {
    inst.addTransformer(new TcnativeTransformer(onError), true);
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String internalName = c.getName().replace('.', '/');
      if (TcnativeHookPoints.isHooked(internalName)
          || BcJsseHookPoints.isHooked(internalName)
          || ConscryptHookPoints.isHooked(internalName)
          || GrpcHookPoints.isHooked(internalName)) {
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          onError.accept("retransforming a TLS engine class: " + c.getName(), t);
        }
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
    List<HookPoint> points = TcnativeHookPoints.forClass(className);
    if (points.isEmpty()) {
      // BouncyCastle JSSE and Conscrypt live in application class loaders too: one transformer,
      // a name check per engine.
      points = BcJsseHookPoints.forClass(className);
    }
    if (points.isEmpty()) {
      points = ConscryptHookPoints.forClass(className);
    }
    if (points.isEmpty()) {
      points = GrpcHookPoints.forClass(className); // where a gRPC call starts its connection (its trace context)
    }
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
}
