package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.FALSE;
import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.THROWN;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static io.handshakedoctor.instrumentation.HookCall.OBJECT;
import static io.handshakedoctor.instrumentation.HookCall.THROWABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the agent hooks Conscrypt (checked against 2.5.2; see docs/design.md). Conscrypt runs
 * BoringSSL like netty-tcnative, so its engine reports through the same native-engine entry
 * points: {@code ConscryptEngine} moves the record bytes through its wrap and unwrap (it also
 * carries {@code ConscryptEngineSocket}, Conscrypt's default socket). The file-descriptor socket
 * lets BoringSSL read and write the socket itself: only its handshake's failure and its trust
 * manager's verdict are seen.
 */
public final class ConscryptHookPoints {
  private static final String PACKAGE = "org/conscrypt/";
  private static final String CERTIFICATES = "[Ljava/security/cert/X509Certificate;";

  private static final List<HookPoint> ENGINE_POINTS = enginePoints();
  private static final List<HookPoint> FD_SOCKET_POINTS =
      List.of(
          // Called again by every read and write (it returns at once after the first): only a
          // throw, which happens once, reaches the agent.
          new HookPoint("ConscryptFileDescriptorSocket.startHandshake()", MethodPattern.named("startHandshake").parameters(0))
              .onThrow(
                  new HookCall(
                      "nativeSocketHandshakeFailed",
                      "(" + OBJECT + THROWABLE + ")V",
                      HookGuard.thrownIs("javax/net/ssl/SSLException"),
                      THIS, THROWN)));
  private static final List<HookPoint> PLATFORM_POINTS =
      List.of(trustCheck("checkServerTrusted", TRUE), trustCheck("checkClientTrusted", FALSE));

  private ConscryptHookPoints() {}

  /** Whether the class (internal name) is hooked. Called for every class loaded: no allocation. */
  public static boolean isHooked(String internalName) {
    return !forClass(internalName).isEmpty();
  }

  static List<HookPoint> forClass(String internalName) {
    if (internalName == null || !internalName.startsWith(PACKAGE)) {
      return Collections.emptyList();
    }
    if (named(internalName, "ConscryptEngine")) {
      return ENGINE_POINTS;
    }
    if (named(internalName, "ConscryptFileDescriptorSocket")) {
      return FD_SOCKET_POINTS;
    }
    return named(internalName, "Platform") ? PLATFORM_POINTS : Collections.emptyList();
  }

  private static boolean named(String internalName, String simpleName) {
    return internalName.length() == PACKAGE.length() + simpleName.length() && internalName.endsWith(simpleName);
  }

  private static List<HookPoint> enginePoints() {
    List<HookPoint> points = new ArrayList<>(NativeEngineHookPoints.of("ConscryptEngine"));
    // BoringSSL's call when a server asks this client for a certificate (TLS 1.3's request
    // included, which the bytes never show in clear), with the acceptable issuers.
    points.add(
        new HookPoint(
                "ConscryptEngine.clientCertificateRequested(byte[], int[], byte[][])",
                MethodPattern.named("clientCertificateRequested").parameters(3).parameter(2, "[[B"))
            .onEnter(
                new HookCall(
                    "nativeClientCertificateRequested", "(" + OBJECT + OBJECT + ")V", THIS, parameter(2))));
    return List.copyOf(points);
  }

  /**
   * {@code Platform.check*Trusted(X509TrustManager, X509Certificate[], String, engine or socket)}:
   * every call from Conscrypt's engines and file-descriptor sockets into the trust manager (the
   * application's or Conscrypt's own), with the connection, keyed by it.
   */
  private static HookPoint trustCheck(String method, HookArgument peerIsServer) {
    return new HookPoint(
            "Platform." + method + "(X509TrustManager, X509Certificate[], String, connection)",
            MethodPattern.named(method).parameters(4).parameter(1, CERTIFICATES))
        .onEnter(HookCall.certificatesChecking(parameter(3), parameter(1), peerIsServer))
        .onExit(HookCall.certificatesChecked(parameter(3), parameter(1), peerIsServer));
  }
}
