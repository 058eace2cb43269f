package io.handshakedoctor.instrumentation;

/**
 * Where one argument of a bootstrap hook call comes from, inside the hooked JSSE method: the
 * receiver, a parameter, a field of the receiver, the value being returned, the exception being
 * thrown, or a constant. The hooks take JSSE's objects as {@code Object}, so no JSSE type is named
 * outside the woven class.
 */
final class HookArgument {
  enum Kind {
    THIS,
    PARAMETER,
    FIELD,
    /** The method's return value; null where the method throws. */
    RETURNED,
    /** The exception leaving the method; null where it returns. */
    THROWN,
    NULL,
    TRUE,
    FALSE
  }

  static final HookArgument THIS = new HookArgument(Kind.THIS, -1, null, null);
  static final HookArgument RETURNED = new HookArgument(Kind.RETURNED, -1, null, null);
  static final HookArgument THROWN = new HookArgument(Kind.THROWN, -1, null, null);
  static final HookArgument NULL = new HookArgument(Kind.NULL, -1, null, null);
  static final HookArgument TRUE = new HookArgument(Kind.TRUE, -1, null, null);
  static final HookArgument FALSE = new HookArgument(Kind.FALSE, -1, null, null);

  final Kind kind;
  /** The parameter's index (0 = first declared parameter) for {@link Kind#PARAMETER}. */
  final int parameter;
  /** The field's name and type descriptor for {@link Kind#FIELD}. */
  final String fieldName;

  final String fieldDescriptor;

  private HookArgument(Kind kind, int parameter, String fieldName, String fieldDescriptor) {
    this.kind = kind;
    this.parameter = parameter;
    this.fieldName = fieldName;
    this.fieldDescriptor = fieldDescriptor;
  }

  static HookArgument parameter(int index) {
    return new HookArgument(Kind.PARAMETER, index, null, null);
  }

  /** A field of the receiver, declared by the hooked class or inherited. */
  static HookArgument field(String name, String descriptor) {
    return new HookArgument(Kind.FIELD, -1, name, descriptor);
  }

  boolean readsReceiver() {
    return kind == Kind.THIS || kind == Kind.FIELD;
  }
}
