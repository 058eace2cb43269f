package io.handshakedoctor.instrumentation;

/**
 * One method (or constructor) of a JSSE class and the bootstrap calls woven into it: at entry,
 * before each return, and when an exception leaves it (the exception is rethrown unchanged).
 */
final class HookPoint {
  private final String description;
  private final MethodPattern method;
  private HookCall onEnter;
  private HookCall onReturn;
  private HookCall onThrow;

  HookPoint(String description, MethodPattern method) {
    this.description = description;
    this.method = method;
  }

  HookPoint onEnter(HookCall call) {
    onEnter = call;
    return this;
  }

  HookPoint onReturn(HookCall call) {
    onReturn = call;
    return this;
  }

  HookPoint onThrow(HookCall call) {
    onThrow = call;
    return this;
  }

  /** The same call when the method returns ({@code THROWN} null) and when it throws ({@code RETURNED} null). */
  HookPoint onExit(HookCall call) {
    onReturn = call;
    onThrow = call;
    return this;
  }

  String description() {
    return description;
  }

  MethodPattern method() {
    return method;
  }

  HookCall onEnter() {
    return onEnter;
  }

  HookCall onReturn() {
    return onReturn;
  }

  HookCall onThrow() {
    return onThrow;
  }

  /** Whether the woven method keeps a flag from entry to exit ({@link HookGuard.Kind#FIRST_CALL}). */
  boolean needsFirstCallFlag() {
    return onEnter != null && onEnter.guard.kind == HookGuard.Kind.FIRST_CALL;
  }
}
