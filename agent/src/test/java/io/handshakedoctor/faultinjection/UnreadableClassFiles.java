package io.handshakedoctor.faultinjection;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Instrumentation} whose transformers see every class file with the major version
 * 32767, as a JDK newer than the agent's ASM would hand them: the weaver cannot read it, and the
 * class must load as it was. Only what the transformers are given changes; the JVM keeps the real
 * bytes.
 */
final class UnreadableClassFiles {
  private UnreadableClassFiles() {}

  static Instrumentation around(Instrumentation inst) {
    Map<ClassFileTransformer, ClassFileTransformer> registered = new ConcurrentHashMap<>();
    return (Instrumentation)
        Proxy.newProxyInstance(
            UnreadableClassFiles.class.getClassLoader(),
            new Class<?>[] {Instrumentation.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("addTransformer")) {
                ClassFileTransformer real = (ClassFileTransformer) args[0];
                args[0] = registered.computeIfAbsent(real, UnreadableClassFiles::futureVersion);
              } else if (name.equals("removeTransformer")) {
                ClassFileTransformer wrapper = registered.remove(args[0]);
                if (wrapper != null) {
                  args[0] = wrapper;
                }
              }
              try {
                return method.invoke(inst, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static ClassFileTransformer futureVersion(ClassFileTransformer real) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classFile)
          throws java.lang.instrument.IllegalClassFormatException {
        byte[] future = classFile.clone();
        if (future.length > 8) {
          future[6] = (byte) 0x7F; // major_version (u2, read signed by ASM), after magic and minor_version
          future[7] = (byte) 0xFF;
        }
        return real.transform(module, loader, className, classBeingRedefined, protectionDomain, future);
      }
    };
  }
}
