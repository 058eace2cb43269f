package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Protocol version names and what JSSE's version messages say about the peer. */
final class ProtocolVersions {
  /** Server side: "The client supported protocol versions [TLSv1] are not accepted by server preferences [TLSv1.3, TLSv1.2]". */
  static final Pattern CLIENT_VERSIONS_REFUSED =
      Pattern.compile("client supported protocol versions \\[([^\\]]*)\\] are not accepted by server preferences \\[([^\\]]*)\\]");
  /** Server side: "Client requested protocol TLSv1 is not enabled or supported in server context". */
  static final Pattern CLIENT_REQUESTED =
      Pattern.compile("Client requested protocol (\\S+) is not enabled or supported");
  /** Client side: "The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]". */
  static final Pattern SERVER_SELECTED =
      Pattern.compile("server selected protocol version (\\S+) is not accepted by client preferences \\[([^\\]]*)\\]");

  private ProtocolVersions() {}

  /** "TLS10" and "TLSv1" both become "TLSv1"; "TLS13" becomes "TLSv1.3". */
  static String normalize(String v) {
    if (v == null) {
      return null;
    }
    String s = v.trim();
    switch (s.toUpperCase(java.util.Locale.ROOT)) {
      case "TLS10":
      case "TLSV1":
      case "TLSV1.0":
        return "TLSv1";
      case "TLS11":
      case "TLSV1.1":
        return "TLSv1.1";
      case "TLS12":
      case "TLSV1.2":
        return "TLSv1.2";
      case "TLS13":
      case "TLSV1.3":
        return "TLSv1.3";
      case "SSL30":
      case "SSLV3":
        return "SSLv3";
      default:
        return s;
    }
  }

  static List<String> parseList(String csv) {
    List<String> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      if (!part.trim().isEmpty()) {
        out.add(normalize(part));
      }
    }
    return out;
  }

  /** 0 for SSLv3 up to 4 for TLSv1.3; -1 when unknown. */
  static int rank(String v) {
    String n = normalize(v);
    if (n == null) {
      return -1;
    }
    switch (n) {
      case "SSLv3":
        return 0;
      case "TLSv1":
        return 1;
      case "TLSv1.1":
        return 2;
      case "TLSv1.2":
        return 3;
      case "TLSv1.3":
        return 4;
      default:
        return -1;
    }
  }

  static int maxRank(List<String> versions) {
    int max = -1;
    for (String v : versions) {
      max = Math.max(max, rank(v));
    }
    return max;
  }

  /**
   * The versions the peer is known to support: from JSSE's message, else (server side) the
   * received ClientHello; empty when unknown.
   */
  static List<String> peerVersions(HandshakeEvidence e, Failures f) {
    Matcher m = f.find(CLIENT_VERSIONS_REFUSED);
    if (m != null) {
      return parseList(m.group(1));
    }
    m = f.find(CLIENT_REQUESTED);
    if (m != null) {
      return parseList(m.group(1));
    }
    m = f.find(SERVER_SELECTED);
    if (m != null) {
      return parseList(m.group(1));
    }
    List<String> out = new ArrayList<>();
    if (e.side() == Side.SERVER && e.clientHello() != null) {
      for (String v : e.clientHello().offeredVersions()) {
        out.add(normalize(v));
      }
    }
    return out;
  }

  /** The versions this JVM would accept, per JSSE's message, else active, else enabled; empty when unknown. */
  static List<String> localVersions(HandshakeEvidence e, Failures f) {
    Matcher m = f.find(CLIENT_VERSIONS_REFUSED);
    if (m != null) {
      return parseList(m.group(2));
    }
    m = f.find(SERVER_SELECTED);
    if (m != null) {
      return parseList(m.group(2));
    }
    if (e.local().activeProtocols() != null) {
      return e.local().activeProtocols();
    }
    if (e.side() == Side.CLIENT && e.clientHello() != null && !e.clientHello().offeredVersions().isEmpty()) {
      return e.clientHello().offeredVersions();
    }
    return e.local().enabledProtocols();
  }

  /** The versions among {@code versions} that jdk.tls.disabledAlgorithms turns off. */
  static List<String> disabledByPolicy(HandshakeEvidence e, List<String> versions) {
    List<String> out = new ArrayList<>();
    for (String v : versions) {
      if (Facts.propertyDisables(e.local().disabledTlsAlgorithms(), normalize(v))) {
        out.add(normalize(v));
      }
    }
    return out;
  }

  /** JSSE said outright that the versions do not meet, on this side. */
  static boolean jsseRefusedVersions(Failures f) {
    return f.find(CLIENT_VERSIONS_REFUSED) != null
        || f.find(CLIENT_REQUESTED) != null
        || f.find(SERVER_SELECTED) != null;
  }
}
