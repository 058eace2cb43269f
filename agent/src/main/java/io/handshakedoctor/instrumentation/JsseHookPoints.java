package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.FALSE;
import static io.handshakedoctor.instrumentation.HookArgument.NULL;
import static io.handshakedoctor.instrumentation.HookArgument.RETURNED;
import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.THROWN;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.field;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static io.handshakedoctor.instrumentation.HookCall.OBJECT;
import static io.handshakedoctor.instrumentation.HookCall.THROWABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the agent hooks the JDK: SunJSSE (the same names from JDK 11 to 25; see docs/design.md), the
 * JDK's HTTPS clients, and {@code ClassLoader.defineClass}, which tells {@link
 * LibraryEngineTransformer} when a TLS library's engine is about to load. What each hook point calls
 * in {@code HandshakeHooks}, keyed by internal class name, as class file transformers see them.
 */
public final class JsseHookPoints {
  private static final String SSL = "sun/security/ssl/";
  private static final String TRANSPORT_CONTEXT = "L" + SSL + "TransportContext;";
  private static final String BYTE_BUFFER = "Ljava/nio/ByteBuffer;";
  private static final String CERTIFICATES = "[Ljava/security/cert/X509Certificate;";

  private static final String OBJECT_THROWABLE = "(" + OBJECT + THROWABLE + ")V";
  private static final String CLASS_DEFINING = "(Ljava/lang/String;)V";
  private static final String ABANDONED = "(" + OBJECT + THROWABLE + THROWABLE + ")V";

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
            // Only the first fatal call per connection is real; later ones rethrow the close reason.
            new HookPoint(
                    "TransportContext.fatal(Alert, String, boolean, Throwable)",
                    MethodPattern.named("fatal").parameters(4).parameter(2, "Z"))
                .onEnter(
                    new HookCall(
                        "fatalStarted",
                        "(" + OBJECT + OBJECT + "Ljava/lang/String;Z" + THROWABLE + OBJECT + ")V",
                        HookGuard.firstCall("closeReason", "Ljava/lang/Exception;"),
                        THIS, parameter(0), parameter(1), parameter(2), parameter(3),
                        field("handshakeContext", "L" + SSL + "HandshakeContext;")))
                .onExit(
                    new HookCall(
                        "fatalThrown", OBJECT_THROWABLE, HookGuard.AFTER_FIRST_CALL, THIS, THROWN)),
            new HookPoint(
                    "TransportContext.finishHandshake()",
                    MethodPattern.named("finishHandshake").parameters(0))
                .onReturn(new HookCall("handshakeFinished", "(" + OBJECT + ")V", THIS))));
    m.put(
        SSL + "HandshakeContext",
        List.of(
            new HookPoint(
                    "HandshakeContext(SSLContextImpl, TransportContext)",
                    MethodPattern.constructor().parameters(2))
                .onReturn(
                    new HookCall(
                        "handshakeStarted",
                        "(" + OBJECT + OBJECT + OBJECT + ")V",
                        THIS,
                        field("conContext", TRANSPORT_CONTEXT),
                        field("handshakeOutput", "L" + SSL + "HandshakeOutStream;"))),
            new HookPoint(
                    "HandshakeContext.dispatch(byte, ByteBuffer)",
                    MethodPattern.named("dispatch").parameters(2).parameter(1, BYTE_BUFFER))
                .onEnter(
                    new HookCall(
                        "inboundHandshakeMessage",
                        "(" + OBJECT + "B" + BYTE_BUFFER + ")V",
                        THIS, parameter(0), parameter(1)))));
    m.put(
        SSL + "HandshakeOutStream",
        List.of(
            // buf and count are ByteArrayOutputStream's: the whole message, before encryption.
            new HookPoint("HandshakeOutStream.complete()", MethodPattern.named("complete").parameters(0))
                .onEnter(
                    new HookCall(
                        "outboundHandshakeMessage",
                        "(" + OBJECT + "[BI)V",
                        THIS, field("buf", "[B"), field("count", "I")))));
    m.put(
        SSL + "CertificateMessage$T12CertificateConsumer",
        List.of(
            tls12ChainCheck("checkServerCerts", TRUE), tls12ChainCheck("checkClientCerts", FALSE)));
    m.put(
        SSL + "CertificateMessage$T13CertificateConsumer",
        List.of(
            tls13ChainCheck("checkServerCerts", TRUE), tls13ChainCheck("checkClientCerts", FALSE)));
    m.put(
        SSL + "X509Authentication",
        List.of(
            // The key manager's choice of client certificate, or null (JSSE logs "none" at FINEST).
            new HookPoint(
                    "X509Authentication.createClientPossession",
                    MethodPattern.named("createClientPossession").parameters(2))
                .onReturn(
                    new HookCall(
                        "clientCredentialsChosen",
                        "(" + OBJECT + "[Ljava/lang/String;" + OBJECT + ")V",
                        parameter(0), parameter(1), RETURNED))));
    m.put(
        SSL + "SSLSocketImpl",
        List.of(
            // A read timeout during the handshake is rethrown without going through fatal.
            new HookPoint(
                    "SSLSocketImpl.startHandshake(boolean)",
                    MethodPattern.named("startHandshake").parameters(1).parameter(0, "Z"))
                .onThrow(
                    new HookCall(
                        "handshakeInterrupted",
                        OBJECT_THROWABLE,
                        HookGuard.thrownIs("java/io/InterruptedIOException"),
                        field("conContext", TRANSPORT_CONTEXT), THROWN))));
    m.put(
        SSL + "SSLEngineImpl",
        List.of(
            // The peer's first raw bytes, to say what a non-TLS peer sent.
            new HookPoint(
                    "SSLEngineImpl.unwrap(ByteBuffer[], int, int, ByteBuffer[], int, int)",
                    MethodPattern.named("unwrap").parameters(6).parameter(0, "[" + BYTE_BUFFER))
                .onEnter(
                    new HookCall(
                        "engineUnwrapping",
                        "(" + OBJECT + "[" + BYTE_BUFFER + "II)V",
                        field("conContext", TRANSPORT_CONTEXT), parameter(0), parameter(1), parameter(2))),
            // An engine user that reads the end of the stream mid-handshake closes the inbound;
            // JSSE's SSLException then (since JDK 21) never passes through fatal.
            new HookPoint("SSLEngineImpl.closeInbound()", MethodPattern.named("closeInbound").parameters(0))
                .onThrow(
                    new HookCall(
                        "handshakeAbandoned",
                        ABANDONED,
                        HookGuard.thrownIs("javax/net/ssl/SSLException"),
                        THIS, THROWN, NULL)),
            // The thread creating an engine still carries the request's trace context (the
            // one-argument constructor delegates to this one).
            new HookPoint(
                    "SSLEngineImpl(SSLContextImpl, String, int)",
                    MethodPattern.constructor().parameters(3))
                .onReturn(
                    new HookCall(
                        "engineCreated",
                        "(" + OBJECT + OBJECT + ")V",
                        THIS, field("conContext", TRANSPORT_CONTEXT)))));
    // A socket that fails under the first application data after a TLS 1.3 handshake: the server
    // that refused this client's certificate has closed, and its alert is never read. An SSLSocket
    // rethrows such a write error without fatal; an SSLEngine's own socket never tells JSSE.
    m.put(
        "java/net/Socket$SocketOutputStream",
        List.of(socketFailure("Socket$SocketOutputStream.write(byte[], int, int)", "write")));
    m.put(
        "java/net/Socket$SocketInputStream",
        List.of(socketFailure("Socket$SocketInputStream.read(byte[], int, int)", "read")));
    m.put(
        "jdk/internal/net/http/common/SSLTube",
        List.of(
            // Called only when the tube errs or ends. Mid-handshake it makes HttpClient's own
            // "Remote host terminated the handshake" (the return), never told to JSSE; after the
            // handshake it returns the error as it is, JSSE untold (a reset, a broken pipe, the end
            // of the stream: the entry).
            new HookPoint(
                    "SSLTube.checkForHandshake(Throwable)",
                    MethodPattern.named("checkForHandshake").parameters(1).parameter(0, THROWABLE))
                .onEnter(
                    new HookCall(
                        "applicationDataFailed",
                        OBJECT_THROWABLE,
                        field("engine", "Ljavax/net/ssl/SSLEngine;"), parameter(0)))
                .onReturn(
                    new HookCall(
                        "handshakeAbandoned",
                        ABANDONED,
                        HookGuard.RETURNED_IS_NEW,
                        field("engine", "Ljavax/net/ssl/SSLEngine;"), RETURNED, parameter(0)))));
    m.put(
        "sun/net/www/protocol/https/HttpsClient",
        List.of(
            // HttpsURLConnection with an application's HostnameVerifier checks the host itself,
            // after the handshake; its "HTTPS hostname wrong" never passes through JSSE.
            new HookPoint(
                    "HttpsClient.checkURLSpoofing(HostnameVerifier)",
                    MethodPattern.named("checkURLSpoofing").parameters(1))
                .onThrow(
                    new HookCall(
                        "hostnameRejected",
                        "(" + OBJECT + OBJECT + THROWABLE + ")V",
                        parameter(0), field("session", "Ljavax/net/ssl/SSLSession;"), THROWN))));
    m.put(
        "javax/net/ssl/SSLPeerUnverifiedException",
        List.of(
            // What OkHttp, HttpClient 5 and applications throw when their HostnameVerifier says no
            // after the handshake: the only JDK code every such check passes through.
            new HookPoint(
                    "SSLPeerUnverifiedException(String)",
                    MethodPattern.constructor().parameters(1))
                .onReturn(new HookCall("peerUnverified", "(" + THROWABLE + ")V", THIS))));
    m.put(
        "java/lang/ClassLoader",
        List.of(
            // Every class an application, platform or custom class loader defines passes through one
            // of these two (the other overloads and SecureClassLoader's delegate to them); boot
            // classes never do. Only the name is passed: LibraryEngineTransformer registers itself
            // before the first engine class of a TLS library is defined.
            new HookPoint(
                    "ClassLoader.defineClass(String, byte[], int, int, ProtectionDomain)",
                    MethodPattern.named("defineClass").parameters(5).parameter(1, "[B"))
                .onEnter(new HookCall("classDefining", CLASS_DEFINING, parameter(0))),
            new HookPoint(
                    "ClassLoader.defineClass(String, ByteBuffer, ProtectionDomain)",
                    MethodPattern.named("defineClass").parameters(3).parameter(1, BYTE_BUFFER))
                .onEnter(new HookCall("classDefining", CLASS_DEFINING, parameter(0)))));
    return Collections.unmodifiableMap(m);
  }

  /** A plain socket stream's {@code SocketException} (reset, broken pipe), with the socket. */
  private static HookPoint socketFailure(String description, String method) {
    return new HookPoint(description, MethodPattern.named(method).parameters(3).parameter(0, "[B"))
        .onThrow(
            new HookCall(
                "applicationDataFailed",
                OBJECT_THROWABLE,
                HookGuard.thrownIs("java/net/SocketException"),
                field("parent", "Ljava/net/Socket;"), THROWN));
  }

  /** TLS 1.2: {@code check*Certs(HandshakeContext, X509Certificate[])}, the chain as received. */
  private static HookPoint tls12ChainCheck(String method, HookArgument peerIsServer) {
    return new HookPoint(
            "T12CertificateConsumer." + method, MethodPattern.named(method).parameters(2))
        .onEnter(HookCall.certificatesChecking(parameter(0), parameter(1), peerIsServer))
        .onExit(HookCall.certificatesChecked(parameter(0), parameter(1), peerIsServer));
  }

  /** TLS 1.3: {@code X509Certificate[] check*Certs(HandshakeContext, List)} builds the chain. */
  private static HookPoint tls13ChainCheck(String method, HookArgument peerIsServer) {
    return new HookPoint(
            "T13CertificateConsumer." + method,
            MethodPattern.named(method).parameters(2).returns(CERTIFICATES))
        .onEnter(HookCall.certificatesChecking(parameter(0), NULL, peerIsServer))
        .onExit(HookCall.certificatesChecked(parameter(0), RETURNED, peerIsServer));
  }
}
