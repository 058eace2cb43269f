package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateSummary;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Whether a certificate's subject alternative names cover a host, as OkHttp, HttpClient 5 and the
 * JDK check it (RFC 6125: exact DNS names, a wildcard for the whole left-most label only, IP
 * addresses for IP literals; no common-name fallback, which those verifiers dropped). Used only to
 * tell a rejected host name from another reason to make an {@code SSLPeerUnverifiedException}.
 */
final class HostnameMatch {
  private HostnameMatch() {}

  static boolean covers(CertificateSummary leaf, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    boolean ipLiteral = h.indexOf(':') >= 0 || h.matches("[0-9.]+");
    for (String san : leaf.subjectAltNames()) {
      if (ipLiteral && san.startsWith("IP:") && sameAddress(san.substring(3), h)) {
        return true;
      }
      if (!ipLiteral && san.startsWith("DNS:") && dnsMatches(san.substring(4).toLowerCase(Locale.ROOT), h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.endsWith(".")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (!pattern.startsWith("*.")) {
      return pattern.equals(host);
    }
    int dot = host.indexOf('.');
    return dot > 0 && host.substring(dot).equals(pattern.substring(1));
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // Literals only: InetAddress parses them without a name lookup.
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (Exception e) {
      return a.equalsIgnoreCase(b);
    }
  }
}
