package io.handshakedoctor.emit;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.inventory.PeerInventory;
import io.handshakedoctor.inventory.PeerView;
import io.handshakedoctor.inventory.Warning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory as {@code java -jar handshake-doctor.jar report <pid>} prints it: what this JVM
 * talks to, with what, what expires first and what is deprecated; as text or as JSON.
 */
public final class InventoryReport {
  private InventoryReport() {}

  /** One JSON object: {@code peers} (soonest expiry first) and {@code handshakes} by side, protocol and suite. */
  public static String json(PeerInventory inventory, Instant now) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generated_at", now.toString());
    List<Object> peers = new ArrayList<>();
    for (PeerView p : inventory.peers()) {
      peers.add(peer(p, now));
    }
    root.put("peers", peers);
    List<Object> counts = new ArrayList<>();
    inventory
        .counts()
        .forEach(
            (client, protocol, suite, n) -> {
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("side", client ? "client" : "server");
              c.put("protocol", protocol);
              c.put("cipher", suite);
              c.put("handshakes", n);
              counts.add(c);
            });
    root.put("handshakes", counts);
    root.put("untracked_handshakes", inventory.untracked());
    return Json.object(root);
  }

  private static Map<String, Object> peer(PeerView p, Instant now) {
    HealthyHandshake h = p.latest();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("side", h.side().attributeValue());
    m.put("peer", WarningEvent.peer(h));
    if (h.peerHost() != null) {
      m.put("host", h.peerHost());
    }
    m.put("port", (long) h.peerPort());
    put(m, "sni", h.serverName());
    put(m, "protocol", h.protocol());
    put(m, "cipher", h.cipherSuite());
    put(m, "ja3", h.ja3());
    put(m, "ja4", h.ja4());
    m.put("handshakes", p.handshakes());
    m.put("first_seen", p.firstSeen().toString());
    m.put("last_recorded", h.observedAt().toString());
    if (p.expiresFirst() != null) {
      m.put("earliest_expiry", p.earliestExpiry().toString());
      m.put("seconds_left", PeerInventory.secondsLeft(p, now));
      m.put("expires_first", p.expiresFirst().subject());
    }
    m.put("chain", chain(h.peerChain()));
    if (!h.localChain().isEmpty()) {
      m.put("own_chain", chain(h.localChain()));
    }
    if (h.trustAnchor() != null) {
      m.put("trust_anchor", certificate(h.trustAnchor()));
    }
    m.put("chain_completed_from_trust_store", h.chainCompletedFromTrustStore());
    put(m, "distrust_policy", h.distrustPolicy());
    List<Object> warnings = new ArrayList<>();
    for (Warning w : p.warnings()) {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("warning", w.kind().id());
      wm.put("summary", w.summary());
      wm.put("fix", w.fix());
      warnings.add(wm);
    }
    m.put("warnings", warnings);
    return m;
  }

  private static List<Object> chain(List<CertificateSummary> chain) {
    List<Object> out = new ArrayList<>();
    for (CertificateSummary c : chain) {
      out.add(certificate(c));
    }
    return out;
  }

  private static Map<String, Object> certificate(CertificateSummary c) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "subject", c.subject());
    put(m, "issuer", c.issuer());
    if (c.notAfter() != null) {
      m.put("not_after", c.notAfter().toString());
    }
    put(m, "key", c.publicKeyAlgorithm() + (c.publicKeyBits() > 0 ? " " + c.publicKeyBits() : ""));
    put(m, "signature", c.signatureAlgorithm());
    return m;
  }

  /** The readable table: one block per peer, soonest expiry first, then the handshake counts. */
  public static String text(PeerInventory inventory, Instant now) {
    StringBuilder s = new StringBuilder();
    List<PeerView> peers = inventory.peers();
    s.append("handshake-doctor inventory at ").append(now).append(": ").append(peers.size()).append(" peers\n");
    for (PeerView p : peers) {
      HealthyHandshake h = p.latest();
      s.append('\n').append(h.side().attributeValue()).append(" -> ").append(WarningEvent.peer(h));
      if (h.serverName() != null) {
        s.append(" (SNI ").append(h.serverName()).append(')');
      }
      s.append("\n  ").append(h.protocol()).append(' ').append(h.cipherSuite())
          .append(", ").append(p.handshakes()).append(p.handshakes() == 1 ? " handshake since " : " handshakes since ").append(p.firstSeen()).append('\n');
      if (!h.peerChain().isEmpty()) {
        CertificateSummary leaf = h.peerChain().get(0);
        s.append("  certificate ").append(leaf.subject()).append(", issued by ").append(leaf.issuer())
            .append(", ").append(leaf.publicKeyAlgorithm()).append(' ').append(leaf.publicKeyBits()).append('\n');
      }
      if (h.trustAnchor() != null) {
        s.append("  trust anchor ").append(h.trustAnchor().subject())
            .append(h.chainCompletedFromTrustStore() ? " (chain completed from this JVM's store)" : "").append('\n');
      }
      if (p.expiresFirst() != null) {
        long days = Math.round(PeerInventory.secondsLeft(p, now) / 86400.0); // as the warning counts them
        s.append("  expires first: ").append(p.expiresFirst().subject()).append(" on ").append(p.earliestExpiry())
            .append(" (").append(days).append(" days)\n");
      }
      if (h.ja4() != null) {
        s.append("  JA4 ").append(h.ja4()).append("  JA3 ").append(h.ja3()).append('\n');
      }
      for (Warning w : p.warnings()) {
        s.append("  WARNING ").append(w.kind().id()).append(": ").append(w.summary()).append("; fix: ").append(w.fix()).append('\n');
      }
    }
    s.append("\nhandshakes by side, protocol and cipher suite:\n");
    inventory.counts().forEach((client, protocol, suite, n) ->
        s.append("  ").append(client ? "client " : "server ").append(protocol).append(' ').append(suite).append(": ").append(n).append('\n'));
    return s.toString();
  }

  private static void put(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
