package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.THIS;

import java.util.Collections;
import java.util.List;

/**
 * Where the agent hooks gRPC's Netty transport (grpc-netty, and grpc-netty-shaded's relocated copy: classes
 * matched by the end of their name) to carry a call's trace context to the handshake of the connection it
 * starts (docs/design.md). The call starts the connection on its own thread, which carries its context, and
 * there makes the connection's TLS negotiator, {@code ProtocolNegotiators$ClientTlsHandler}; the negotiator
 * makes the engine later, on the connection's event loop, outside any call's context.
 */
public final class GrpcHookPoints {
  private static final String PACKAGE = "io/grpc/netty/";
  private static final String NEGOTIATOR = "ProtocolNegotiators$ClientTlsHandler";
  private static final String NEGOTIATOR_CALL = "(Ljava/lang/Object;)V";

  private static final List<HookPoint> NEGOTIATOR_POINTS =
      List.of(
          // One constructor, on the thread that starts the transport (NettyClientTransport.start).
          new HookPoint("ProtocolNegotiators$ClientTlsHandler(...)", MethodPattern.constructor())
              .onReturn(new HookCall("clientTransportStarting", NEGOTIATOR_CALL, THIS)),
          // Makes the engine (sslContext.newEngine) when the channel is active, on its event loop.
          new HookPoint(
                  "ProtocolNegotiators$ClientTlsHandler.handlerAdded0(ChannelHandlerContext)",
                  MethodPattern.named("handlerAdded0").parameters(1))
              .onEnter(new HookCall("clientTransportEngineCreating", NEGOTIATOR_CALL, THIS))
              .onExit(new HookCall("clientTransportEngineCreated", NEGOTIATOR_CALL, THIS)));

  private GrpcHookPoints() {}

  /** Whether the class (internal name) is hooked, in gRPC's package or a relocated copy. No allocation. */
  public static boolean isHooked(String internalName) {
    return !forClass(internalName).isEmpty();
  }

  static List<HookPoint> forClass(String internalName) {
    if (internalName == null || !internalName.endsWith(NEGOTIATOR)) {
      return Collections.emptyList();
    }
    int packageStart = internalName.length() - NEGOTIATOR.length() - PACKAGE.length();
    boolean inPackage =
        packageStart >= 0
            && internalName.startsWith(PACKAGE, packageStart)
            && (packageStart == 0 || internalName.charAt(packageStart - 1) == '/');
    return inPackage ? NEGOTIATOR_POINTS : Collections.<HookPoint>emptyList();
  }
}
