package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;

class MaxLocalsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "java/lang/ClassLoader",
        "sun/security/ssl/TransportContext",
        "sun/security/ssl/SSLEngineImpl",
        "io/handshakedoctor/instrumentation/FakeJsseClass"
      })
  void readsEveryMethodsMaxLocalsAsAsmParsesIt(String internalName) throws Exception {
    ClassReader reader = new ClassReader(classFile(internalName));
    Map<String, Integer> parsed = new LinkedHashMap<>();
    reader.accept(
        new ClassVisitor(HookWeaver.ASM_API) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(HookWeaver.ASM_API) {
              @Override
              public void visitMaxs(int maxStack, int maxLocals) {
                parsed.put(name + descriptor, maxLocals);
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    assertTrue(parsed.size() > 3, internalName + " has methods with code");
    parsed.forEach(
        (method, maxLocals) -> {
          int paren = method.indexOf('(');
          assertEquals(
              maxLocals,
              HookWeaver.MaxLocals.of(reader, method.substring(0, paren), method.substring(paren)),
              internalName + "." + method);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"noSuchMethod()V", "notify()V"})
  void refusesAMethodWithoutCode(String method) throws Exception {
    ClassReader reader = new ClassReader(classFile("java/lang/Object"));
    int paren = method.indexOf('(');
    assertThrows(
        IllegalStateException.class,
        () -> HookWeaver.MaxLocals.of(reader, method.substring(0, paren), method.substring(paren)));
  }

  private static byte[] classFile(String internalName) throws Exception {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }
}
