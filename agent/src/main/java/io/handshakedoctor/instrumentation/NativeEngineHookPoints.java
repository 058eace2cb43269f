package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.RETURNED;
import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.THROWN;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static io.handshakedoctor.instrumentation.HookCall.OBJECT;
import static io.handshakedoctor.instrumentation.HookCall.THROWABLE;

import java.util.List;

/**
 * The hook points netty-tcnative's and Conscrypt's engines share: both run BoringSSL behind an
 * {@code SSLEngine} whose other wrap and unwrap overloads delegate to the two hooked here, and both
 * report through the same native-engine entry points ({@code capture/boringssl}). One table, the
 * engine's name in each description.
 */
final class NativeEngineHookPoints {
  private static final String BYTE_BUFFER = "Ljava/nio/ByteBuffer;";
  private static final String BYTE_BUFFERS = "[" + BYTE_BUFFER;

  private NativeEngineHookPoints() {}

  /** The constructors, {@code wrap(ByteBuffer[], int, int, ByteBuffer)} and the six-argument {@code unwrap}. */
  static List<HookPoint> of(String engine) {
    return List.of(
        // Every engine, client or server, on the thread that asked for it (for asynchronous clients,
        // the one still carrying the request's trace context).
        new HookPoint(engine + "(...)", MethodPattern.constructor())
            .onReturn(new HookCall("nativeEngineCreated", "(" + OBJECT + ")V", THIS)),
        new HookPoint(
                engine + ".wrap(ByteBuffer[], int, int, ByteBuffer)",
                MethodPattern.named("wrap").parameters(4).parameter(0, BYTE_BUFFERS).parameter(3, BYTE_BUFFER))
            .onEnter(new HookCall("nativeEngineWrapping", "(" + OBJECT + BYTE_BUFFER + ")V", THIS, parameter(3)))
            .onExit(
                new HookCall(
                    "nativeEngineWrapped",
                    "(" + OBJECT + BYTE_BUFFER + OBJECT + THROWABLE + ")V",
                    THIS, parameter(3), RETURNED, THROWN)),
        new HookPoint(
                engine + ".unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)",
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
}
