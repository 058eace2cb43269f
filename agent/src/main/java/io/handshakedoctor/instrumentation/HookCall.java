package io.handshakedoctor.instrumentation;

import java.util.List;

/**
 * One static call into {@code io.handshakedoctor.bootstrap.HandshakeHooks}, made when its guard
 * holds: the method's name, its descriptor (JDK types only, JSSE's as {@code Object}) and where
 * each argument comes from.
 */
final class HookCall {
  static final String HOOKS = "io/handshakedoctor/bootstrap/HandshakeHooks";

  final String method;
  final String descriptor;
  final HookGuard guard;
  final List<HookArgument> arguments;

  HookCall(String method, String descriptor, HookGuard guard, HookArgument... arguments) {
    this.method = method;
    this.descriptor = descriptor;
    this.guard = guard;
    this.arguments = List.of(arguments);
  }

  HookCall(String method, String descriptor, HookArgument... arguments) {
    this(method, descriptor, HookGuard.ALWAYS, arguments);
  }

  boolean reads(HookArgument.Kind kind) {
    for (HookArgument a : arguments) {
      if (a.kind == kind) {
        return true;
      }
    }
    return false;
  }
}
