package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.FALSE;
import static io.handshakedoctor.instrumentation.HookArgument.RETURNED;
import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.THROWN;
import static io.handshakedoctor.instrumentation.HookArgument.field;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;

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
  private static final String OBJECT = "Ljava/lang/Object;";
  private static final String THROWABLE = "Ljava/lang/Throwable;";
  private static final String BYTE_BUFFER = "Ljava/nio/ByteBuffer;";
  private static final String BYTE_BUFFERS = "[" + BYTE_BUFFER;
  private static final String CERTIFICATES = "[Ljava/security/cert/X509Certificate;";
  private static final String CHECKING = "(" + OBJECT + OBJECT + "Z)V";
  private static final String CHECKED = "(" + OBJECT + OBJECT + THROWABLE + "Z)V";

  /** Netty's four trust-manager callbacks: client contexts check servers, server contexts clients. */
  private static final List<String> CLIENT_VERIFIERS =
      List.of(
          "ReferenceCountedOpenSslClientContext$ExtendedTrustManagerVerifyCallback",
          "ReferenceCountedOpenSslClientContext$TrustManagerVerifyCallback");
  private static final List<String> SERVER_VERIFIERS =
      List.of(
          "ReferenceCountedOpenSslServerContext$ExtendedTrustManagerVerifyCallback",
          "ReferenceCountedOpenSslServerContext$TrustManagerVerifyCallback");

  private static final List<HookPoint> ENGINE_POINTS = enginePoints();
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

  private static List<HookPoint> enginePoints() {
    return List.of(
        // Every engine Netty makes, client or server, on the thread that asked for it (for
        // asynchronous clients, the one still carrying the request's trace context).
        new HookPoint("ReferenceCountedOpenSslEngine(...)", MethodPattern.constructor())
            .onReturn(new HookCall("nativeEngineCreated", "(" + OBJECT + ")V", THIS)),
        // SSLEngine's other wrap overloads delegate to this one.
        new HookPoint(
                "ReferenceCountedOpenSslEngine.wrap(ByteBuffer[], int, int, ByteBuffer)",
                MethodPattern.named("wrap").parameters(4).parameter(0, BYTE_BUFFERS).parameter(3, BYTE_BUFFER))
            .onEnter(
                new HookCall(
                    "nativeEngineWrapping", "(" + OBJECT + BYTE_BUFFER + ")V", THIS, parameter(3)))
            .onExit(
                new HookCall(
                    "nativeEngineWrapped",
                    "(" + OBJECT + BYTE_BUFFER + OBJECT + THROWABLE + ")V",
                    THIS, parameter(3), RETURNED, THROWN)),
        // And the other unwrap overloads to this one.
        new HookPoint(
                "ReferenceCountedOpenSslEngine.unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)",
                MethodPattern.named("unwrap").parameters(6).parameter(0, BYTE_BUFFERS).parameter(3, BYTE_BUFFERS))
            .onEnter(
                new HookCall(
                    "nativeEngineUnwrapping",
                    "(" + OBJECT + BYTE_BUFFERS + "II)V",
                    THIS, parameter(0), parameter(1), parameter(2)))
            .onExit(
                new HookCall(
                    "nativeEngineUnwrapped",
                    "(" + OBJECT + BYTE_BUFFERS + "II" + OBJECT + THROWABLE + ")V",
                    THIS, parameter(0), parameter(1), parameter(2), RETURNED, THROWN)));
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
        .onEnter(new HookCall("certificatesChecking", CHECKING, parameter(0), parameter(1), peerIsServer))
        .onExit(
            new HookCall("certificatesChecked", CHECKED, parameter(0), parameter(1), THROWN, peerIsServer));
  }
}
