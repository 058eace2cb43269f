package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSSE's, BouncyCastle JSSE's and Conscrypt's endpoint identification (HTTPS/LDAPS host name
 * check) failures, and what the rules about them read: the host asked for, the server's leaf and
 * the names it answers to.
 */
final class HostnameFailure {
  private static final Pattern[] PATTERNS = {
    Pattern.compile("No subject alternative DNS name matching (\\S+) found"),
    Pattern.compile("No name matching (\\S+) found"),
    Pattern.compile("No subject alternative names matching IP address (\\S+) found"),
    Pattern.compile("No subject alternative names present()"),
    // BouncyCastle JSSE (HostnameUtil), inside the trust manager's CertificateException.
    Pattern.compile("No subject alternative name found matching domain name (\\S+)"),
    Pattern.compile("No subject alternative name found matching IP address (\\S+)"),
    Pattern.compile("No name found matching (\\S+)"),
    // Conscrypt's TrustManagerImpl names no host: the SNI / peer host is the one checked.
    Pattern.compile("No subjectAltNames on the certificate match()"),
  };

  /** The failure message's matching part; empty when no message said it. */
  final String message;
  /** The host name that was checked. */
  final String host;
  /** The server's certificate; null when its chain was not seen. */
  final CertificateSummary leaf;
  /** The names the leaf answers to ({@link #namesOf}). */
  final List<String> names;

  private HostnameFailure(Matcher m, HandshakeEvidence e) {
    this.message = m == null ? "" : m.group(0);
    this.host = requestedHost(e, m);
    List<CertificateSummary> chain = Facts.peerChain(e);
    this.leaf = chain.isEmpty() ? null : chain.get(0);
    this.names = namesOf(leaf);
  }

  /** The host name failure in {@code f}, and the server's chain in {@code e}. */
  static HostnameFailure of(HandshakeEvidence e, Failures f) {
    return new HostnameFailure(find(f), e);
  }

  /** The matcher of the first host name failure message, or null. */
  static Matcher find(Failures f) {
    for (Throwable t : f.all()) {
      for (Pattern p : PATTERNS) {
        Matcher m = p.matcher(Failures.message(t));
        if (m.find()) {
          return m;
        }
      }
    }
    return null;
  }

  /** The host name that was checked: from the message, else SNI / peer host. */
  static String requestedHost(HandshakeEvidence e, Matcher m) {
    if (m != null && m.groupCount() >= 1 && m.group(1) != null && !m.group(1).isEmpty()) {
      String h = m.group(1);
      return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
    return e.intendedServerName();
  }

  /** The names a certificate answers to: SAN entries, else its CN. */
  static List<String> namesOf(CertificateSummary c) {
    List<String> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    for (String san : c.subjectAltNames()) {
      if (san.startsWith("DNS:") || san.startsWith("IP:")) {
        out.add(san.substring(san.indexOf(':') + 1));
      }
    }
    if (out.isEmpty() && c.subject() != null) {
      out.add("CN=" + c.commonNameOrSubject());
    }
    return out;
  }
}
