package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The hook points against grpc-netty-shaded 1.85.1's real class file (read as bytes from the test class path):
 * each matches one method of the relocated negotiator, and the woven class passes the JVM's verifier.
 */
class GrpcHookPointsTest {
  private static final String SHADED = "io/grpc/netty/shaded/io/grpc/netty/ProtocolNegotiators$ClientTlsHandler";

  @Test
  void eachHookPointMatchesOneMethodOfTheShadedNegotiator() throws IOException {
    List<HookPoint> points = GrpcHookPoints.forClass(SHADED);
    Map<String, Integer> counts = new LinkedHashMap<>();
    points.forEach(p -> counts.put(p.description(), 0));
    new ClassReader(bytes(SHADED)).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        points.stream().filter(p -> p.method().matches(name, descriptor)).forEach(p -> counts.merge(p.description(), 1, Integer::sum));
        return null;
      }
    }, ClassReader.SKIP_CODE);
    assertEquals(2, counts.size(), counts.toString());
    counts.values().forEach(n -> assertEquals(1, n, counts.toString()));
  }

  /** Linking a class (reflection does) verifies it; the woven negotiator is defined with the rest of the shaded jar. */
  @Test
  void theWovenNegotiatorPassesTheVerifier() throws Exception {
    byte[] original = bytes(SHADED);
    assertTrue(HookWeaver.weave(original, GrpcHookPoints.forClass(SHADED)).length > original.length, "gained its hook calls");
    ClassLoader loader = new WovenLibraryLoader("io.grpc.netty.shaded.", GrpcHookPoints::forClass);
    Class<?> negotiator = Class.forName(SHADED.replace('/', '.'), false, loader);
    assertEquals(loader, negotiator.getClassLoader());
    assertTrue(negotiator.getDeclaredMethods().length > 0);
  }

  @Test
  void matchesGrpcNettyUnshadedAndShadedByNameSuffixOnly() {
    assertTrue(GrpcHookPoints.isHooked(SHADED));
    assertTrue(GrpcHookPoints.isHooked("io/grpc/netty/ProtocolNegotiators$ClientTlsHandler"));
    assertTrue(GrpcHookPoints.isHooked("com/example/shaded/io/grpc/netty/ProtocolNegotiators$ClientTlsHandler"));
    assertFalse(GrpcHookPoints.isHooked("io/grpc/netty/ProtocolNegotiators$ServerTlsHandler"));
    assertFalse(GrpcHookPoints.isHooked("io/grpc/netty/ProtocolNegotiators$ClientTlsProtocolNegotiator"));
    assertFalse(GrpcHookPoints.isHooked("com/example/xio/grpc/netty/ProtocolNegotiators$ClientTlsHandler"));
    assertFalse(GrpcHookPoints.isHooked("ProtocolNegotiators$ClientTlsHandler"));
    assertFalse(GrpcHookPoints.isHooked(null));
  }

  private static byte[] bytes(String internalName) throws IOException {
    return WovenLibraryLoader.bytes(internalName);
  }
}
