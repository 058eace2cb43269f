package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable renderings of evidence shared by the rules: dates, certificates, peers, alerts. */
final class Facts {
  private static final Pattern RECEIVED_ALERT =
      Pattern.compile("Received fatal alert: ([a-z_]+)");

  private Facts() {}

  /** ISO-8601 UTC to the second, e.g. {@code 2026-01-01T00:00:00Z}. */
  static String instant(Instant t) {
    return t == null ? "an unknown date" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** "12 days ago" / "3 days ahead" (hours or minutes when under a day) of {@code t} seen from {@code now}. */
  static String relative(Instant t, Instant now) {
    if (t == null || now == null) {
      return "at an unknown time";
    }
    Duration d = Duration.between(t, now);
    boolean past = !d.isNegative();
    Duration abs = d.abs();
    String amount;
    if (abs.toDays() >= 1) {
      amount = plural(abs.toDays(), "day");
    } else if (abs.toHours() >= 1) {
      amount = plural(abs.toHours(), "hour");
    } else {
      amount = plural(Math.max(abs.toMinutes(), 0), "minute");
    }
    return amount + (past ? " ago" : " ahead");
  }

  static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** "CN=api.example.com, issued by CN=Example CA". */
  static String cert(CertificateSummary c) {
    if (c == null) {
      return "an unknown certificate";
    }
    return orUnknown(c.subject()) + ", issued by " + orUnknown(c.issuer());
  }

  static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "(unknown)" : s;
  }

  static String list(List<String> values) {
    return values == null ? "[]" : values.toString();
  }

  /** "api.example.com:443", "api.example.com", or "the peer". */
  static String peer(HandshakeEvidence e) {
    if (e.peerHost() == null || e.peerHost().isEmpty()) {
      return "the peer";
    }
    return e.peerPort() > 0 ? e.peerHost() + ":" + e.peerPort() : e.peerHost();
  }

  /**
   * {@code role} followed by the peer's address when known: "The client 10.0.0.5:51234", or just
   * "The client" for a server-side SSLEngine created without a peer host (never "The client the peer").
   */
  static String named(String role, HandshakeEvidence e) {
    String p = peer(e);
    return "the peer".equals(p) ? role : role + " " + p;
  }

  /** "the server api.example.com:443" or "the client 10.0.0.5:51234". */
  static String peerRole(HandshakeEvidence e) {
    String role = e.side() == Side.CLIENT ? "the server" : "the client";
    String p = peer(e);
    return "the peer".equals(p) ? role : role + " " + p;
  }

  /** The party on the other end: "server" when this JVM is the client, and the reverse. */
  static String peerParty(HandshakeEvidence e) {
    return e.side() == Side.CLIENT ? Diagnosis.SERVER : Diagnosis.CLIENT;
  }

  /** This JVM's own role as a responsible party. */
  static String localParty(HandshakeEvidence e) {
    return e.side() == Side.CLIENT ? Diagnosis.CLIENT : Diagnosis.SERVER;
  }

  /** The alert the peer sent: recorded, or read from "Received fatal alert: X"; null when none. */
  static String alertReceived(HandshakeEvidence e, Failures failures) {
    AlertSummary a = e.alertReceived();
    if (a != null) {
      return a.description();
    }
    Matcher m = failures.find(RECEIVED_ALERT);
    return m == null ? null : m.group(1);
  }

  /** The alert this JVM sent, or else the one JSSE attached to the failure; null when unknown. */
  /**
   * A client whose server dropped the connection after its certificate flight without an alert it
   * could read: what it saw instead, and when (TLS 1.3: after its own handshake had completed).
   */
  static String alertNotRead(HandshakeEvidence e, Failures failures) {
    List<Throwable> all = failures.all();
    String seen = all.isEmpty() ? "a dropped connection" : Failures.describe(all.get(all.size() - 1));
    if (e.origin() == FailureOrigin.APPLICATION_DATA) {
      return "server's alert not read: this client's handshake had completed, then its first application I/O failed with "
          + seen + " before the server sent any record";
    }
    return "server's alert not read: " + (e.renegotiation() ? "after this client's handshake had completed, " : "")
        + "the connection failed with " + seen;
  }

  static String alertSentOrAttached(HandshakeEvidence e) {
    if (e.alertSent() != null) {
      return e.alertSent().description();
    }
    return e.jsseAlert();
  }

  static boolean received(HandshakeEvidence e, String message) {
    return e.messagesReceived().contains(message);
  }

  static boolean sent(HandshakeEvidence e, String message) {
    return e.messagesSent().contains(message);
  }

  /** The peer chain as the trust manager saw it, else as seen on the wire. */
  static List<CertificateSummary> peerChain(HandshakeEvidence e) {
    if (e.trust() != null && !e.trust().chain().isEmpty()) {
      return e.trust().chain();
    }
    return e.peerCertificates();
  }

  /** Tokens of a security property such as jdk.tls.disabledAlgorithms, trimmed. */
  static List<String> tokens(String property) {
    List<String> out = new ArrayList<>();
    if (property == null) {
      return out;
    }
    for (String token : property.split(",")) {
      String t = token.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** True when the security property lists {@code algorithm} as a whole token (no constraint). */
  static boolean propertyDisables(String property, String algorithm) {
    for (String token : tokens(property)) {
      if (token.equalsIgnoreCase(algorithm)) {
        return true;
      }
    }
    return false;
  }

  static boolean isIpLiteral(String host) {
    if (host == null) {
      return false;
    }
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
  }

  /** JSSE sends no SNI for IP literals and for names without a dot such as {@code localhost}. */
  static boolean jsseSendsNoSniFor(String host) {
    return host != null && (isIpLiteral(host) || !host.contains("."));
  }

  /** Standard facts every diagnosis can show: failure chain, hello, messages, alerts. */
  static List<String> common(HandshakeEvidence e) {
    List<String> out = new ArrayList<>();
    out.add("this JVM was the " + e.side().attributeValue() + ", peer " + peer(e));
    out.addAll(Failures.of(e.failure()).describeAll());
    ClientHelloSummary hello = e.clientHello();
    if (hello != null) {
      String who = e.side() == Side.CLIENT ? "ClientHello sent" : "ClientHello received";
      out.add(who + " offered " + list(hello.offeredVersions()) + " with " + plural(hello.cipherSuites().size(), "cipher suite")
          + (hello.serverNames().isEmpty() ? ", no SNI" : ", SNI " + list(hello.serverNames())));
    }
    if (e.serverHello() != null) {
      out.add("ServerHello chose " + e.serverHello().version() + " / " + e.serverHello().cipherSuite());
    }
    out.add("messages sent " + list(e.messagesSent()) + ", received " + list(e.messagesReceived()));
    if (e.alertSent() != null) {
      out.add("alert sent: " + e.alertSent());
    }
    if (e.alertReceived() != null) {
      out.add("alert received: " + e.alertReceived());
    }
    if (e.trust() != null) {
      // A fixed opening, so readers (and docs/compatibility.md) can tell the verdict was seen.
      out.add("trust manager " + (e.trust().accepted() ? "accepted" : "rejected") + " the "
          + (e.trust().isPeerServer() ? "server's" : "client's") + " chain of "
          + plural(e.trust().chain().size(), "certificate")
          + (e.trust().accepted() ? "" : ": " + Failures.message(e.trust().failure())));
    }
    return out;
  }

  /** "The server ..." from "the server ...", to open a sentence. */
  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The issuers a CertificateRequest accepts: "[CN=...]", "(any issuer)", or "(unknown)" without a request. */
  static String issuers(CertificateRequestSummary request) {
    if (request == null) {
      return "(unknown)";
    }
    return request.authorities().isEmpty() ? "(any issuer)" : request.authorities().toString();
  }

  static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
