package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

/** The hook points fit the JDK running the tests and the bootstrap hooks they call. */
class JsseHookPointsTest {

  @Test
  void everyHookPointMatchesExactlyOneMethodOfThisJdk() throws Exception {
    Map<String, Integer> matches = HookPointCensus.ofRunningJdk();
    assertEquals(21, matches.size(), matches::toString);
    assertTrue(
        matches.values().stream().allMatch(n -> n == 1),
        () -> "hook points not matching exactly one method on " + Runtime.version() + ": " + matches);
  }

  @Test
  void everyWovenCallNamesAPublicStaticVoidBootstrapHook() {
    Map<String, String> hooks = new TreeMap<>();
    for (Method m : HandshakeHooks.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
        hooks.put(m.getName(), Type.getMethodDescriptor(m));
      }
    }
    assertEquals(Type.getInternalName(HandshakeHooks.class), HookCall.HOOKS);
    for (String className : JsseHookPoints.classNames()) {
      for (HookPoint point : JsseHookPoints.forClass(className)) {
        for (HookCall call : new HookCall[] {point.onEnter(), point.onReturn(), point.onThrow()}) {
          if (call != null) {
            assertEquals(hooks.get(call.method), call.descriptor, point.description() + " calls " + call.method);
            assertTrue(call.descriptor.endsWith(")V"), call.method);
          }
        }
      }
    }
  }

  @Test
  void everyHookedClassOfThisJdkIsWoven() throws Exception {
    for (String className : JsseHookPoints.classNames()) {
      byte[] original;
      try (InputStream in = ClassLoader.getSystemResourceAsStream(className + ".class")) {
        assertNotNull(in, className);
        original = in.readAllBytes();
      }
      byte[] woven = HookWeaver.weave(original, JsseHookPoints.forClass(className));
      assertNotNull(woven, className);
      assertTrue(woven.length > original.length, className);
    }
  }
}
