package io.handshakedoctor.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How many methods of the running JDK each hook point matches (it must be exactly one). Run in
 * process by {@link JsseHookPointsTest} and as a main on every JDK the integration tests fork.
 */
public final class HookPointCensus {
  private HookPointCensus() {}

  /** Hook point description to the number of methods it matches in the running JDK. */
  static Map<String, Integer> ofRunningJdk() throws IOException {
    Map<String, Integer> matches = new LinkedHashMap<>();
    for (String className : JsseHookPoints.classNames()) {
      List<HookPoint> points = JsseHookPoints.forClass(className);
      for (HookPoint point : points) {
        matches.put(point.description(), 0);
      }
      try (InputStream in = ClassLoader.getSystemResourceAsStream(className + ".class")) {
        if (in == null) {
          continue; // the class is missing: every point of it counts 0
        }
        new ClassReader(in.readAllBytes())
            .accept(
                new ClassVisitor(Opcodes.ASM9) {
                  @Override
                  public MethodVisitor visitMethod(
                      int access, String name, String descriptor, String signature, String[] exceptions) {
                    for (HookPoint point : points) {
                      if (point.method().matches(name, descriptor)) {
                        matches.merge(point.description(), 1, Integer::sum);
                      }
                    }
                    return null;
                  }
                },
                ClassReader.SKIP_CODE);
      }
    }
    return matches;
  }

  /** Prints {@code description=count}, one line per hook point. */
  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, Integer> e : ofRunningJdk().entrySet()) {
      System.out.println(e.getKey() + "=" + e.getValue());
    }
  }
}
