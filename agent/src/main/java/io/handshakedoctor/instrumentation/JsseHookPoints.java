package io.handshakedoctor.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the agent hooks SunJSSE (the same names from JDK 11 to 25; see docs/design.md). Keyed by
 * internal class name, as class file transformers see them.
 */
public final class JsseHookPoints {
  private static final String SSL = "sun/security/ssl/";
  private static final Map<String, List<HookPoint>> BY_CLASS = build();

  private JsseHookPoints() {}

  /** The internal names of every class the agent transforms. */
  public static Set<String> classNames() {
    return BY_CLASS.keySet();
  }

  static List<HookPoint> forClass(String internalName) {
    List<HookPoint> points = BY_CLASS.get(internalName);
    return points == null ? Collections.emptyList() : points;
  }

  private static Map<String, List<HookPoint>> build() {
    Map<String, List<HookPoint>> m = new LinkedHashMap<>();
    m.put(
        SSL + "TransportContext",
        List.of(
            new HookPoint(
                "TransportContext.fatal(Alert, String, boolean, Throwable)",
                named("fatal").and(takesArguments(4)).and(takesArgument(2, boolean.class)),
                TransportContextAdvice.Fatal.class),
            new HookPoint(
                "TransportContext.finishHandshake()",
                named("finishHandshake").and(takesArguments(0)),
                TransportContextAdvice.FinishHandshake.class)));
    m.put(
        SSL + "HandshakeContext",
        List.of(
            new HookPoint(
                "HandshakeContext(SSLContextImpl, TransportContext)",
                isConstructor().and(takesArguments(2)),
                HandshakeContextAdvice.Created.class),
            new HookPoint(
                "HandshakeContext.dispatch(byte, ByteBuffer)",
                named("dispatch").and(takesArguments(2)).and(takesArgument(1, ByteBuffer.class)),
                HandshakeContextAdvice.Dispatch.class)));
    m.put(
        SSL + "HandshakeOutStream",
        List.of(
            new HookPoint(
                "HandshakeOutStream.complete()",
                named("complete").and(takesArguments(0)),
                HandshakeOutStreamAdvice.class)));
    m.put(
        SSL + "CertificateMessage$T12CertificateConsumer",
        List.of(
            new HookPoint(
                "T12CertificateConsumer.checkServerCerts",
                named("checkServerCerts").and(takesArguments(2)),
                CertificateCheckAdvice.Tls12ServerChain.class),
            new HookPoint(
                "T12CertificateConsumer.checkClientCerts",
                named("checkClientCerts").and(takesArguments(2)),
                CertificateCheckAdvice.Tls12ClientChain.class)));
    m.put(
        SSL + "CertificateMessage$T13CertificateConsumer",
        List.of(
            new HookPoint(
                "T13CertificateConsumer.checkServerCerts",
                named("checkServerCerts").and(takesArguments(2)).and(returns(X509Certificate[].class)),
                CertificateCheckAdvice.Tls13ServerChain.class),
            new HookPoint(
                "T13CertificateConsumer.checkClientCerts",
                named("checkClientCerts").and(takesArguments(2)).and(returns(X509Certificate[].class)),
                CertificateCheckAdvice.Tls13ClientChain.class)));
    m.put(
        SSL + "X509Authentication",
        List.of(
            new HookPoint(
                "X509Authentication.createClientPossession",
                named("createClientPossession").and(takesArguments(2)),
                ClientPossessionAdvice.class)));
    m.put(
        SSL + "SSLSocketImpl",
        List.of(
            new HookPoint(
                "SSLSocketImpl.startHandshake(boolean)",
                named("startHandshake").and(takesArguments(1)).and(takesArgument(0, boolean.class)),
                SocketHandshakeAdvice.class)));
    m.put(
        SSL + "SSLEngineImpl",
        List.of(
            new HookPoint(
                "SSLEngineImpl.unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)",
                named("unwrap").and(takesArguments(6)).and(takesArgument(0, ByteBuffer[].class)),
                EngineUnwrapAdvice.class),
            new HookPoint(
                "SSLEngineImpl.closeInbound()",
                named("closeInbound").and(takesArguments(0)),
                EngineCloseInboundAdvice.class),
            new HookPoint(
                "SSLEngineImpl(SSLContextImpl, String, int)",
                isConstructor().and(takesArguments(3)),
                EngineCreatedAdvice.class)));
    m.put(
        "jdk/internal/net/http/common/SSLTube",
        List.of(
            new HookPoint(
                "SSLTube.checkForHandshake(Throwable)",
                named("checkForHandshake").and(takesArguments(Throwable.class)),
                HttpClientTubeAdvice.class)));
    return Collections.unmodifiableMap(m);
  }
}
