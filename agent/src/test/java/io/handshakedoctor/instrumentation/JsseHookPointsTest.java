package io.handshakedoctor.instrumentation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** Every hook point names a method that exists in the JDK running the tests. */
class JsseHookPointsTest {

  @Test
  void theTransformersNameFilterListsExactlyTheHookedClasses() {
    org.junit.jupiter.api.Assertions.assertEquals(JsseHookPoints.classNames(), HookedClasses.names());
  }

  @Test
  void everyHookPointMatchesAMethodOfThisJdk() {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());
    Map<String, Integer> matches = new TreeMap<>();
    for (String className : JsseHookPoints.classNames()) {
      TypeDescription type = pool.describe(className.replace('/', '.')).resolve();
      for (HookPoint point : JsseHookPoints.forClass(className)) {
        int count = 0;
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
          if (point.methods().matches(method)) {
            count++;
          }
        }
        matches.put(point.description(), count);
      }
    }
    assertFalse(matches.containsValue(0), () -> "hook points without a method on " + Runtime.version() + ": " + matches);
  }
}
