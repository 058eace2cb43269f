package io.handshakedoctor.instrumentation;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One method (or constructor) of a JSSE class and the advice woven into it. */
final class HookPoint {
  private final String description;
  private final ElementMatcher<? super MethodDescription> methods;
  private final Class<?> advice;

  HookPoint(String description, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
    this.description = description;
    this.methods = methods;
    this.advice = advice;
  }

  String description() {
    return description;
  }

  ElementMatcher<? super MethodDescription> methods() {
    return methods;
  }

  Class<?> advice() {
    return advice;
  }
}
