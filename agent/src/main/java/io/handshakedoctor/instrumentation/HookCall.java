package io.handshakedoctor.instrumentation;

import java.util.List;

/**
 * One static call into {@code io.handshakedoctor.bootstrap.HandshakeHooks}, made when its guard
 * holds: the method's name, its descriptor (JDK types only, JSSE's as {@code Object}) and where
 * each argument comes from.
 */
final class HookCall {
  static final String HOOKS = "io/handshakedoctor/bootstrap/HandshakeHooks";
  static final String OBJECT = "Ljava/lang/Object;";
  static final String THROWABLE = "Ljava/lang/Throwable;";
  private static final String CHECKING = "(" + OBJECT + OBJECT + "Z)V";
  private static final String CHECKED = "(" + OBJECT + OBJECT + THROWABLE + "Z)V";

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

  /** A trust manager (the application's or the engine's) is about to judge the peer's chain. */
  static HookCall certificatesChecking(HookArgument connection, HookArgument chain, HookArgument peerIsServer) {
    return new HookCall("certificatesChecking", CHECKING, connection, chain, peerIsServer);
  }

  /** Its verdict: {@code THROWN} is null when it accepted {@code chain}. */
  static HookCall certificatesChecked(HookArgument connection, HookArgument chain, HookArgument peerIsServer) {
    return new HookCall("certificatesChecked", CHECKED, connection, chain, HookArgument.THROWN, peerIsServer);
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
