package io.handshakedoctor.emit;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.inventory.Warning;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One early warning as every output sees it (docs/early-warnings.md): the warning and its flat
 * attributes, named as the failure event's are (docs/attributes.md).
 */
public final class WarningEvent {
  private final Warning warning;
  private final Map<String, Object> attributes;

  public WarningEvent(Warning warning) {
    this.warning = warning;
    this.attributes = attributes(warning);
  }

  public Warning warning() {
    return warning;
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The readable line: {@code handshake-doctor: TLS client handshakes with h:p: warning kind: summary; fix: ...}. */
  public String line() {
    HealthyHandshake h = warning.handshake();
    return "handshake-doctor: TLS " + h.side().attributeValue() + " handshakes with " + peer(h) + " succeed but warn: "
        + warning.kind().id() + ": " + warning.summary() + "; fix: " + warning.fix();
  }

  static String peer(HealthyHandshake h) {
    if (h.side() == Side.CLIENT) {
      String host = h.peerHost() == null ? "unknown host" : h.peerHost();
      return h.peerPort() > 0 ? host + ":" + h.peerPort() : host;
    }
    return "clients of this server" + (h.peerPort() > 0 ? " (port " + h.peerPort() + ")" : "");
  }

  private static Map<String, Object> attributes(Warning w) {
    HealthyHandshake h = w.handshake();
    boolean client = h.side() == Side.CLIENT;
    Map<String, Object> a = new LinkedHashMap<>();
    if (client) {
      put(a, "server.address", h.peerHost());
      if (h.peerPort() > 0) {
        a.put("server.port", (long) h.peerPort());
      }
    } else if (h.peerPort() > 0) {
      a.put("server.port", (long) h.peerPort());
    }
    a.put("tls.established", true);
    a.put(Names.WARNING, w.kind().id());
    a.put(Names.SIDE, h.side().attributeValue());
    a.put(Names.SUMMARY, w.summary());
    a.put(Names.FIX, w.fix());
    a.put("tls.protocol.name", "tls");
    if (h.protocol() != null) {
      a.put("tls.protocol.version", EventAttributes.semconvVersion(h.protocol()));
    }
    put(a, "tls.cipher", h.cipherSuite());
    put(a, Names.SNI, h.serverName());
    put(a, "tls.client.ja3", h.ja3());
    put(a, Names.CLIENT_JA4, h.ja4());
    CertificateSummary c = w.certificate();
    if (c != null) {
      put(a, Names.CERTIFICATE_SUBJECT, c.subject());
      put(a, Names.CERTIFICATE_ISSUER, c.issuer());
      if (c.notAfter() != null) {
        a.put(Names.CERTIFICATE_NOT_AFTER, c.notAfter().toString());
      }
    }
    if (w.kind() == io.handshakedoctor.inventory.WarningKind.CERTIFICATE_EXPIRING) {
      a.put(Names.CERTIFICATE_DAYS_LEFT, w.daysLeft());
    }
    return a;
  }

  private static void put(Map<String, Object> a, String key, String value) {
    if (value != null) {
      a.put(key, value);
    }
  }
}
