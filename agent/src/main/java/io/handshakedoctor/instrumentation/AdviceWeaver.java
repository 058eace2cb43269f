package io.handshakedoctor.instrumentation;

import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the advice of a JSSE class into its class file with Byte Buddy. Works from bytes alone
 * (a type pool over the class being loaded and the boot modules), so transforming a JSSE class
 * never loads another one.
 */
final class AdviceWeaver {
  private final ClassFileLocator adviceLocator;
  private final ClassFileLocator jdkLocator;
  private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);

  AdviceWeaver() {
    this.adviceLocator = ClassFileLocator.ForClassLoader.of(AdviceWeaver.class.getClassLoader());
    this.jdkLocator = ClassFileLocator.ForClassLoader.ofSystemLoader();
  }

  /** The woven class file, or null when no hook point matched anything. */
  byte[] weave(String internalName, byte[] classFile, List<HookPoint> points) {
    String typeName = internalName.replace('/', '.');
    ClassFileLocator locator =
        new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile), jdkLocator);
    TypePool pool = TypePool.Default.of(locator);
    TypeDescription type = pool.describe(typeName).resolve();
    DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
    for (HookPoint point : points) {
      builder = builder.visit(Advice.to(point.advice(), adviceLocator).on(point.methods()));
    }
    return builder.make(pool).getBytes();
  }
}
