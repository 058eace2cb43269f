package io.handshakedoctor.instrumentation;

import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Type;

/**
 * Which method of a class a hook point means, by name and descriptor: as loose as the JDKs allow
 * (the number of parameters and the types that tell overloads apart), so an unrelated change of a
 * parameter type between releases does not lose the hook.
 */
final class MethodPattern {
  static final String CONSTRUCTOR = "<init>";

  private final String name;
  private int parameterCount = -1;
  private final Map<Integer, String> parameterTypes = new TreeMap<>();
  private String returnType;

  private MethodPattern(String name) {
    this.name = name;
  }

  static MethodPattern named(String name) {
    return new MethodPattern(name);
  }

  static MethodPattern constructor() {
    return new MethodPattern(CONSTRUCTOR);
  }

  MethodPattern parameters(int count) {
    parameterCount = count;
    return this;
  }

  /** The parameter at {@code index} has this descriptor ({@code "Z"}, {@code "Ljava/nio/ByteBuffer;"}). */
  MethodPattern parameter(int index, String descriptor) {
    parameterTypes.put(index, descriptor);
    return this;
  }

  MethodPattern returns(String descriptor) {
    returnType = descriptor;
    return this;
  }

  boolean isConstructor() {
    return name.equals(CONSTRUCTOR);
  }

  boolean matches(String methodName, String descriptor) {
    if (!name.equals(methodName)) {
      return false;
    }
    Type[] parameters = Type.getArgumentTypes(descriptor);
    if (parameterCount >= 0 && parameters.length != parameterCount) {
      return false;
    }
    for (Map.Entry<Integer, String> p : parameterTypes.entrySet()) {
      int i = p.getKey();
      if (i >= parameters.length || !parameters[i].getDescriptor().equals(p.getValue())) {
        return false;
      }
    }
    return returnType == null || Type.getReturnType(descriptor).getDescriptor().equals(returnType);
  }
}
