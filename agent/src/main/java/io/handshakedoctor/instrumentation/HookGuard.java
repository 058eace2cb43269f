package io.handshakedoctor.instrumentation;

/** The condition under which a woven hook call is made, evaluated in the hooked method. */
final class HookGuard {
  enum Kind {
    ALWAYS,
    /**
     * The receiver's field is still null: the first call of this kind on the object. The method
     * remembers it in a local flag for {@link #AFTER_FIRST_CALL} at its exit.
     */
    FIRST_CALL,
    /** Entry passed {@link #FIRST_CALL}. */
    AFTER_FIRST_CALL,
    /** The exception leaving the method is an instance of the type. */
    THROWN_IS,
    /** The returned value is not null and not the method's first parameter. */
    RETURNED_IS_NEW
  }

  static final HookGuard ALWAYS = new HookGuard(Kind.ALWAYS, null, null);
  static final HookGuard AFTER_FIRST_CALL = new HookGuard(Kind.AFTER_FIRST_CALL, null, null);
  static final HookGuard RETURNED_IS_NEW = new HookGuard(Kind.RETURNED_IS_NEW, null, null);

  final Kind kind;
  /** The field's name for {@link Kind#FIRST_CALL}, else the type's internal name. */
  final String name;
  /** The field's descriptor for {@link Kind#FIRST_CALL}. */
  final String descriptor;

  private HookGuard(Kind kind, String name, String descriptor) {
    this.kind = kind;
    this.name = name;
    this.descriptor = descriptor;
  }

  static HookGuard firstCall(String nullUntilThenField, String descriptor) {
    return new HookGuard(Kind.FIRST_CALL, nullUntilThenField, descriptor);
  }

  static HookGuard thrownIs(String internalName) {
    return new HookGuard(Kind.THROWN_IS, internalName, null);
  }
}
