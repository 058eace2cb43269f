package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.FALSE;
import static io.handshakedoctor.instrumentation.HookArgument.field;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static io.handshakedoctor.instrumentation.HookCall.OBJECT;
import static io.handshakedoctor.instrumentation.HookCall.THROWABLE;

import java.util.Collections;
import java.util.List;

/**
 * Where the agent hooks netty-tcnative's OpenSSL/BoringSSL engine (Netty 4.1/4.2; see
 * docs/design.md), also in relocated copies such as gRPC's {@code io.grpc.netty.shaded.io.netty}:
 * classes are matched by the end of their name. Every hook passes the engine itself; BoringSSL's
 * handshake is seen through the bytes its wrap and unwrap move and through Netty's call into the
 * application's trust manager.
 */
public final class TcnativeHookPoints {
  private static final String PACKAGE = "io/netty/handler/ssl/";
  private static final String ENGINE = "ReferenceCountedOpenSslEngine";
  private static final String CERTIFICATES = "[Ljava/security/cert/X509Certificate;";

  /** Netty's four trust-manager callbacks: client contexts check servers, server contexts clients. */
  private static final List<String> CLIENT_VERIFIERS =
      List.of(
          "ReferenceCountedOpenSslClientContext$ExtendedTrustManagerVerifyCallback",
          "ReferenceCountedOpenSslClientContext$TrustManagerVerifyCallback");
  private static final List<String> SERVER_VERIFIERS =
      List.of(
          "ReferenceCountedOpenSslServerContext$ExtendedTrustManagerVerifyCallback",
          "ReferenceCountedOpenSslServerContext$TrustManagerVerifyCallback");

  private static final List<HookPoint> ENGINE_POINTS = NativeEngineHookPoints.of(ENGINE);
  /** Netty's handler, whatever the engine under it: where it fails a handshake for reasons of its own. */
  private static final String HANDLER = "SslHandler";
  private static final List<HookPoint> HANDLER_POINTS = List.of(handlerFailure(), handlerAdded());
  private static final List<HookPoint> CLIENT_VERIFIER_POINTS = List.of(trustCheck(TRUE));
  private static final List<HookPoint> SERVER_VERIFIER_POINTS = List.of(trustCheck(FALSE));

  private TcnativeHookPoints() {}

  /**
   * Whether the class (internal name) is one of the hooked ones, in Netty's package or a relocated
   * copy of it. Called for every class loaded: no allocation.
   */
  public static boolean isHooked(String internalName) {
    return !forClass(internalName).isEmpty();
  }

  static List<HookPoint> forClass(String internalName) {
    if (internalName == null || !internalName.contains(PACKAGE)) {
      return Collections.emptyList();
    }
    if (named(internalName, ENGINE)) {
      return ENGINE_POINTS;
    }
    if (named(internalName, HANDLER)) {
      return HANDLER_POINTS;
    }
    for (String verifier : CLIENT_VERIFIERS) {
      if (named(internalName, verifier)) {
        return CLIENT_VERIFIER_POINTS;
      }
    }
    for (String verifier : SERVER_VERIFIERS) {
      if (named(internalName, verifier)) {
        return SERVER_VERIFIER_POINTS;
      }
    }
    return Collections.emptyList();
  }

  /** {@code io/netty/handler/ssl/<simpleName>}, or the same behind a relocation prefix. */
  private static boolean named(String internalName, String simpleName) {
    int packageStart = internalName.length() - simpleName.length() - PACKAGE.length();
    return internalName.endsWith(simpleName)
        && internalName.startsWith(PACKAGE, packageStart)
        && (packageStart == 0 || internalName.charAt(packageStart - 1) == '/');
  }

  /**
   * {@code SslHandler.setHandshakeFailure(ChannelHandlerContext, Throwable, boolean, boolean, boolean)} (the
   * two-argument overload delegates to it): Netty fails the handshake itself, the engine never having thrown,
   * e.g. the peer's first bytes are not a TLS record ({@code NotSslRecordException}, before any unwrap). Passes
   * the handler's engine and context.
   */
  private static HookPoint handlerFailure() {
    return new HookPoint(
            "SslHandler.setHandshakeFailure(ChannelHandlerContext, Throwable, boolean, boolean, boolean)",
            MethodPattern.named("setHandshakeFailure").parameters(5).parameter(1, THROWABLE))
        .onEnter(
            new HookCall(
                "nettyHandshakeFailing",
                "(" + OBJECT + OBJECT + THROWABLE + ")V",
                field("engine", "Ljavax/net/ssl/SSLEngine;"), parameter(0), parameter(1)));
  }

  /**
   * {@code SslHandler.handlerAdded(ChannelHandlerContext)}: the handler joins its channel (a server's: an accepted
   * connection, whose engine Netty made without the client's address). Passes the handler's engine and context, from
   * which a native engine's failure reads the client's address.
   */
  private static HookPoint handlerAdded() {
    return new HookPoint(
            "SslHandler.handlerAdded(ChannelHandlerContext)", MethodPattern.named("handlerAdded").parameters(1))
        .onEnter(
            new HookCall(
                "nettyHandlerAdded", "(" + OBJECT + OBJECT + ")V",
                field("engine", "Ljavax/net/ssl/SSLEngine;"), parameter(0)));
  }

  /**
   * {@code verify(ReferenceCountedOpenSslEngine, X509Certificate[], String)}: the application's
   * trust manager judging the peer's chain (a delegated task: possibly on another thread), keyed
   * by the engine.
   */
  private static HookPoint trustCheck(HookArgument peerIsServer) {
    return new HookPoint(
            "VerifyCallback.verify(engine, X509Certificate[], String)",
            MethodPattern.named("verify").parameters(3).parameter(1, CERTIFICATES))
        .onEnter(HookCall.certificatesChecking(parameter(0), parameter(1), peerIsServer))
        .onExit(HookCall.certificatesChecked(parameter(0), parameter(1), peerIsServer));
  }
}
