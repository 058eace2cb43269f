package io.handshakedoctor.capture.boringssl;

import io.handshakedoctor.wire.TlsNames;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What BoringSSL's packed error code says about a failure. Netty and Conscrypt put it in the
 * exception's message ({@code error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE}):
 * the library in the top byte, the reason in the low 12 bits. A reason of 1000 + n means the peer
 * sent fatal alert n ({@code SSL_AD_REASON_OFFSET}); BoringSSL never reports the alerts it sends,
 * so for its own errors only the alert its reason implies is known.
 */
public final class BoringSslErrors {
  private static final Pattern PACKED = Pattern.compile("error:([0-9a-fA-F]{8}):[^:]*:[^:]*:([A-Z0-9_]+)");
  private static final int LIB_SSL = 0x10;
  private static final int ALERT_REASON_OFFSET = 1000;

  /** BoringSSL reasons whose alert is fixed by the reason itself (ssl/*.cc sends exactly these). */
  private static final Map<String, String> ALERT_OF_REASON =
      Map.of(
          "UNSUPPORTED_PROTOCOL", "protocol_version",
          "NO_SHARED_CIPHER", "handshake_failure",
          "NO_SHARED_GROUP", "handshake_failure",
          "PEER_DID_NOT_RETURN_A_CERTIFICATE", "certificate_required",
          "NO_APPLICATION_PROTOCOL", "no_application_protocol",
          "WRONG_VERSION_NUMBER", "protocol_version");

  private BoringSslErrors() {}

  /** The packed code found in the exception, its causes or suppressed exceptions; 0 when none. */
  public static int errorCode(Throwable thrown) {
    Matcher m = find(thrown);
    return m == null ? 0 : (int) Long.parseLong(m.group(1), 16);
  }

  /** The alert the peer sent, when the code says the handshake ended on one; else null. */
  public static String receivedAlert(int code) {
    int reason = code & 0xfff;
    if ((code >>> 24) != LIB_SSL || reason < ALERT_REASON_OFFSET || reason > ALERT_REASON_OFFSET + 255) {
      return null;
    }
    return TlsNames.alertDescription(reason - ALERT_REASON_OFFSET);
  }

  /** The alert BoringSSL's own error implies it sent (never for a received alert); else null. */
  public static String impliedAlert(Throwable thrown) {
    Matcher m = find(thrown);
    if (m == null || receivedAlert((int) Long.parseLong(m.group(1), 16)) != null) {
      return null;
    }
    return ALERT_OF_REASON.get(m.group(2).toUpperCase(Locale.ROOT));
  }

  private static Matcher find(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    if (thrown != null) {
      todo.add(thrown);
    }
    while (!todo.isEmpty() && seen.size() < 32) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      String message = t.getMessage();
      if (message != null) {
        Matcher m = PACKED.matcher(message);
        if (m.find()) {
          return m;
        }
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      Collections.addAll(todo, t.getSuppressed());
    }
    return null;
  }
}
