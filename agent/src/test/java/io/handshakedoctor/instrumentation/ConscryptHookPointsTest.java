package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The hook points against Conscrypt 2.5.2's real class files (read as bytes from the test class
 * path, never loaded): each matches the methods docs/design.md names, and the weaver accepts them.
 */
class ConscryptHookPointsTest {
  @Test
  void eachHookPointMatchesConscrypt252sMethods() throws IOException {
    Map<String, Integer> engine = matches("org/conscrypt/ConscryptEngine");
    assertEquals(3, engine.get("ConscryptEngine(...)"), "its three constructors: " + engine);
    assertEquals(1, engine.get("ConscryptEngine.wrap(ByteBuffer[], int, int, ByteBuffer)"), engine.toString());
    assertEquals(1, engine.get("ConscryptEngine.unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)"), engine.toString());
    assertEquals(1, engine.get("ConscryptEngine.clientCertificateRequested(byte[], int[], byte[][])"), engine.toString());

    Map<String, Integer> socket = matches("org/conscrypt/ConscryptFileDescriptorSocket");
    assertEquals(1, socket.get("ConscryptFileDescriptorSocket.startHandshake()"), socket.toString());

    Map<String, Integer> platform = matches("org/conscrypt/Platform");
    // One overload for engines, one for file-descriptor sockets, each.
    platform.values().forEach(n -> assertEquals(2, n, platform.toString()));
    assertEquals(2, platform.size());
  }

  @Test
  void theWeaverAcceptsConscryptsHookedClasses() throws IOException {
    for (String name : new String[] {"org/conscrypt/ConscryptEngine", "org/conscrypt/ConscryptFileDescriptorSocket", "org/conscrypt/Platform"}) {
      byte[] original = bytes(name);
      byte[] woven = HookWeaver.weave(original, ConscryptHookPoints.forClass(name));
      assertNotNull(woven, name);
      assertTrue(woven.length > original.length, name + " gained its hook calls");
    }
  }

  /**
   * The JVM's verifier accepts the woven classes: they are defined, with the rest of Conscrypt, in a
   * loader of their own and linked (reflection links a class, which verifies it). The file-descriptor
   * socket never runs in the ITs (it cannot on JDK 13+), so this is where its woven code is checked.
   */
  @Test
  void wovenClassesPassTheVerifier() throws Exception {
    ClassLoader woven = new WovenLibraryLoader("org.conscrypt.", ConscryptHookPoints::forClass);
    for (String name : new String[] {"org.conscrypt.ConscryptEngine", "org.conscrypt.ConscryptFileDescriptorSocket", "org.conscrypt.Platform"}) {
      Class<?> c = Class.forName(name, false, woven);
      assertEquals(woven, c.getClassLoader());
      assertTrue(c.getDeclaredMethods().length > 0, name);
    }
  }

  @Test
  void leavesOtherClassesAlone() {
    assertFalse(ConscryptHookPoints.isHooked("org/conscrypt/ConscryptEngineSocket"));
    assertFalse(ConscryptHookPoints.isHooked("org/conscrypt/ConscryptEngine$1"));
    assertFalse(ConscryptHookPoints.isHooked("com/example/org/conscrypt/ConscryptEngine"));
    assertFalse(ConscryptHookPoints.isHooked("io/netty/handler/ssl/ReferenceCountedOpenSslEngine"));
    assertFalse(ConscryptHookPoints.isHooked(null));
  }

  private static Map<String, Integer> matches(String internalName) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (HookPoint p : ConscryptHookPoints.forClass(internalName)) {
      counts.put(p.description(), 0);
    }
    new ClassReader(bytes(internalName)).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        for (HookPoint p : ConscryptHookPoints.forClass(internalName)) {
          if (p.method().matches(name, descriptor)) {
            counts.merge(p.description(), 1, Integer::sum);
          }
        }
        return null;
      }
    }, ClassReader.SKIP_CODE);
    return counts;
  }

  private static byte[] bytes(String internalName) throws IOException {
    try (InputStream in = ConscryptHookPointsTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      assertNotNull(in, "Conscrypt 2.5.2 on the test class path: " + internalName);
      return in.readAllBytes();
    }
  }
}
