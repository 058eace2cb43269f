package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.FALSE;
import static io.handshakedoctor.instrumentation.HookArgument.RETURNED;
import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.field;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static io.handshakedoctor.instrumentation.HookCall.OBJECT;
import static io.handshakedoctor.instrumentation.HookCall.THROWABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the agent hooks BouncyCastle JSSE (bctls-jdk18on; checked against 1.83, see
 * docs/design.md). BC parses the handshake in Java but reports to its peer object, not to
 * SunJSSE's classes: the hooks are its connections' trust checks (the application's trust manager,
 * keyed by the socket or engine) and its peers' alert callbacks, which every failure passes
 * through, plus the exception BC makes for a received fatal alert.
 */
public final class BcJsseHookPoints {
  private static final String PROVIDER = "org/bouncycastle/jsse/provider/";
  private static final String STRING = "Ljava/lang/String;";
  private static final String CERTIFICATES = "[Ljava/security/cert/X509Certificate;";
  private static final HookArgument MANAGER =
      field("manager", "Lorg/bouncycastle/jsse/provider/ProvTlsManager;");

  /** Sockets (direct and layered) and the engine: each calls the trust manager with itself. */
  private static final List<HookPoint> CONNECTION_POINTS =
      List.of(
          trustCheck("checkServerTrusted", TRUE),
          trustCheck("checkClientTrusted", FALSE),
          // Called only when the server sent a CertificateRequest: its key types and issuers,
          // and whether the key manager found a key (the only trace of that request BC leaves).
          new HookPoint(
                  "ProvTlsManager.chooseClientKey(String[], Principal[])",
                  MethodPattern.named("chooseClientKey").parameters(2).parameter(0, "[" + STRING))
              .onExit(
                  new HookCall(
                      "bcClientKeyChosen",
                      "(" + OBJECT + "[" + STRING + OBJECT + OBJECT + ")V",
                      THIS, parameter(0), parameter(1), RETURNED)));
  /** The engine also hands over its input until its handshake completes ({@code connection} set). */
  private static final List<HookPoint> ENGINE_POINTS = engineHookPoints();
  private static final List<HookPoint> CLIENT_POINTS = alertPoints(TRUE);
  private static final List<HookPoint> SERVER_POINTS = alertPoints(FALSE);
  private static final List<HookPoint> ALERT_RECEIVED_POINTS =
      List.of(
          // TlsProtocol makes it right after notifyAlertReceived: what the application catches.
          new HookPoint("TlsFatalAlertReceived(short)", MethodPattern.constructor().parameters(1))
              .onReturn(new HookCall("bcFatalAlertReceivedThrown", "(" + THROWABLE + ")V", THIS)));

  private BcJsseHookPoints() {}

  /** Whether the class (internal name) is hooked. Called for every class loaded: no allocation. */
  public static boolean isHooked(String internalName) {
    return !forClass(internalName).isEmpty();
  }

  static List<HookPoint> forClass(String internalName) {
    if (internalName == null || !internalName.startsWith("org/bouncycastle/")) {
      return Collections.emptyList();
    }
    if (inProvider(internalName, "ProvSSLSocketDirect") || inProvider(internalName, "ProvSSLSocketWrap")) {
      return CONNECTION_POINTS;
    }
    if (inProvider(internalName, "ProvSSLEngine")) {
      return ENGINE_POINTS;
    }
    if (inProvider(internalName, "ProvTlsClient")) {
      return CLIENT_POINTS;
    }
    if (inProvider(internalName, "ProvTlsServer")) {
      return SERVER_POINTS;
    }
    return internalName.equals("org/bouncycastle/tls/TlsFatalAlertReceived")
        ? ALERT_RECEIVED_POINTS
        : Collections.emptyList();
  }

  private static boolean inProvider(String internalName, String simpleName) {
    return internalName.length() == PROVIDER.length() + simpleName.length()
        && internalName.startsWith(PROVIDER)
        && internalName.endsWith(simpleName);
  }

  private static List<HookPoint> engineHookPoints() {
    List<HookPoint> points = new ArrayList<>(CONNECTION_POINTS);
    // Every SSLEngine.unwrap overload ends here. An engine keeps no copy of a record it refuses,
    // so the peer's bytes are only here; guarded by BC's own field, set when the handshake
    // completes: nothing is called after the handshake.
    points.add(
        new HookPoint(
                "ProvSSLEngine.unwrap(ByteBuffer, ByteBuffer[], int, int)",
                MethodPattern.named("unwrap").parameters(4).parameter(0, "Ljava/nio/ByteBuffer;"))
            .onEnter(
                new HookCall(
                    "bcEngineUnwrapping",
                    "(" + OBJECT + "Ljava/nio/ByteBuffer;)V",
                    HookGuard.firstCall("connection", "L" + PROVIDER + "ProvSSLConnection;"),
                    THIS, parameter(0))));
    return List.copyOf(points);
  }

  /** {@code check*Trusted(X509Certificate[], String)}: the application's trust manager, and its verdict. */
  private static HookPoint trustCheck(String method, HookArgument peerIsServer) {
    return new HookPoint(
            "ProvTlsManager." + method + "(X509Certificate[], String)",
            MethodPattern.named(method).parameters(2).parameter(0, CERTIFICATES))
        .onEnter(HookCall.certificatesChecking(THIS, parameter(0), peerIsServer))
        .onExit(HookCall.certificatesChecked(THIS, parameter(0), peerIsServer));
  }

  /** A TlsPeer's alert callbacks, with its connection (socket or engine) as the context. */
  private static List<HookPoint> alertPoints(HookArgument client) {
    return List.of(
        // Every alert BC sends, with what made it send it (the trust manager's exception, wrapped).
        new HookPoint(
                "notifyAlertRaised(short, short, String, Throwable)",
                MethodPattern.named("notifyAlertRaised").parameters(4))
            .onEnter(
                new HookCall(
                    "bcAlertRaised",
                    "(" + OBJECT + "ZSS" + STRING + THROWABLE + ")V",
                    MANAGER, client, parameter(0), parameter(1), parameter(2), parameter(3))),
        new HookPoint(
                "notifyAlertReceived(short, short)",
                MethodPattern.named("notifyAlertReceived").parameters(2))
            .onEnter(
                new HookCall(
                    "bcAlertReceived", "(" + OBJECT + "ZSS)V", MANAGER, client, parameter(0), parameter(1))));
  }
}
