package io.handshakedoctor.emit;

import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.ServerHelloSummary;
import io.handshakedoctor.evidence.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens evidence and diagnosis into the event's attributes (see docs/attributes.md). */
final class EventAttributes {
  private EventAttributes() {}

  static Map<String, Object> of(HandshakeEvidence e, Diagnosis d) {
    Map<String, Object> a = new LinkedHashMap<>();
    boolean client = e.side() == Side.CLIENT;
    put(a, client ? "server.address" : "client.address", e.peerHost());
    if (e.peerPort() > 0) {
      a.put(client ? "server.port" : "client.port", (long) e.peerPort());
    }
    Throwable failure = e.failure();
    put(a, "error.type", failure == null ? "_OTHER" : failure.getClass().getName());
    a.put("tls.established", false);
    a.put(Names.CATEGORY, d.category().id());
    a.put(Names.CAUSE, d.cause().id());
    a.put(Names.CONFIDENCE, d.confidence().id());
    a.put(Names.SIDE, e.side().attributeValue());
    put(a, Names.SUMMARY, d.summary());
    put(a, Names.FIX, d.fix());
    put(a, Names.RESPONSIBLE, d.responsibleParty());
    a.put(Names.EVIDENCE, List.copyOf(d.evidence()));
    if (!d.alternatives().isEmpty()) {
      List<String> alternatives = new ArrayList<>();
      for (Cause c : d.alternatives()) {
        alternatives.add(c.id());
      }
      a.put(Names.ALTERNATIVE_CAUSES, alternatives);
    }
    a.put(Names.SNI, sni(e));
    if (e.alertReceived() != null) {
      a.put(Names.ALERT_DESCRIPTION, e.alertReceived().description());
      a.put(Names.ALERT_DIRECTION, "received");
    } else if (e.alertSent() != null) {
      a.put(Names.ALERT_DESCRIPTION, e.alertSent().description());
      a.put(Names.ALERT_DIRECTION, "sent");
    }
    ServerHelloSummary serverHello = e.serverHello();
    boolean ssl = serverHello != null && serverHello.version() != null && serverHello.version().startsWith("SSLv");
    a.put("tls.protocol.name", ssl ? "ssl" : "tls");
    if (serverHello != null && serverHello.version() != null) {
      a.put("tls.protocol.version", semconvVersion(serverHello.version()));
    }
    if (serverHello != null && serverHello.cipherSuite() != null) {
      a.put("tls.cipher", serverHello.cipherSuite());
    }
    ClientHelloSummary hello = e.clientHello();
    if (hello != null) {
      a.put("tls.client.supported_ciphers", hello.cipherSuites());
      a.put(Names.PROTOCOLS_OFFERED, hello.offeredVersions());
      put(a, "tls.client.ja3", hello.ja3());
      put(a, Names.CLIENT_JA4, hello.ja4());
    }
    a.put(Names.PROTOCOLS_ENABLED, e.local().enabledProtocols());
    if (!e.peerCertificates().isEmpty()) {
      String prefix = client ? "tls.server." : "tls.client.";
      CertificateSummary leaf = e.peerCertificates().get(0);
      put(a, prefix + "subject", leaf.subject());
      put(a, prefix + "issuer", leaf.issuer());
      put(a, prefix + "not_before", timestamp(leaf.notBefore()));
      put(a, prefix + "not_after", timestamp(leaf.notAfter()));
      put(a, prefix + "hash.sha256", leaf.sha256Fingerprint() == null ? null : leaf.sha256Fingerprint().replace(":", ""));
      List<String> chain = new ArrayList<>();
      for (CertificateSummary c : e.peerCertificates()) {
        chain.add(c.subject() + " <- " + c.issuer());
      }
      a.put(Names.PEER_CERTIFICATE_CHAIN, chain);
    }
    if (failure != null) {
      a.put("exception.type", failure.getClass().getName());
      put(a, "exception.message", failure.getMessage());
    }
    put(a, "process.runtime.version", e.javaVersion());
    return a;
  }

  private static String sni(HandshakeEvidence e) {
    ClientHelloSummary hello = e.clientHello();
    if (hello == null) {
      return "unknown";
    }
    return hello.serverNames().isEmpty() ? "none" : hello.serverNames().get(0);
  }

  /**
   * The numeric part, as the semantic conventions write {@code tls.protocol.version}: {@code TLSv1.3}
   * becomes {@code 1.3}, {@code TLSv1} {@code 1.0}, {@code SSLv3} {@code 3} (with
   * {@code tls.protocol.name} {@code ssl}).
   */
  static String semconvVersion(String jsseName) {
    if (jsseName.startsWith("TLSv")) {
      return jsseName.substring(4).equals("1") ? "1.0" : jsseName.substring(4);
    }
    if (jsseName.startsWith("SSLv")) {
      return jsseName.substring(4);
    }
    return jsseName;
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void put(Map<String, Object> a, String key, String value) {
    if (value != null) {
      a.put(key, value);
    }
  }
}
