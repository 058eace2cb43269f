package io.handshakedoctor.inventory;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one recorded successful handshake (and the previous record of the same peer) into the
 * early warnings of docs/early-warnings.md, worded like the failure diagnoses: what, with names and
 * dates, then what to change. Pure: the same inputs give the same warnings.
 */
public final class EarlyWarnings {
  private static final long SECONDS_PER_DAY = 86_400;
  private final Duration expiryHorizon;

  public EarlyWarnings(Duration expiryHorizon) {
    this.expiryHorizon = expiryHorizon;
  }

  public List<Warning> evaluate(HealthyHandshake now, HealthyHandshake previous, Instant at) {
    List<Warning> out = new ArrayList<>();
    expiry(now, at, out);
    protocol(now, out);
    forwardSecrecy(now, out);
    signatures(now, out);
    rsaKeys(now, out);
    anchor(now, out);
    if (previous != null) {
      drift(now, previous, out);
    }
    return out;
  }

  private void expiry(HealthyHandshake h, Instant at, List<Warning> out) {
    CertificateSummary soonest = null;
    String role = null;
    List<CertificateSummary> peer = h.peerChain();
    for (int i = 0; i < peer.size(); i++) {
      CertificateSummary c = peer.get(i);
      if (earlier(c, soonest)) {
        soonest = c;
        role = i == 0 ? "certificate of " + peerName(h) : "intermediate certificate sent by " + peerName(h);
      }
    }
    if (h.trustAnchor() != null && earlier(h.trustAnchor(), soonest)) {
      soonest = h.trustAnchor();
      role = "trust anchor (this JVM's trust store) of " + peerName(h);
    }
    for (CertificateSummary c : h.localChain()) {
      if (earlier(c, soonest)) {
        soonest = c;
        role = "own certificate this JVM presents to " + peerName(h);
      }
    }
    if (soonest == null || soonest.notAfter().isAfter(at.plus(expiryHorizon))) {
      return;
    }
    long days = Math.round((double) Duration.between(at, soonest.notAfter()).getSeconds() / SECONDS_PER_DAY);
    boolean own = role.startsWith("own");
    String when =
        days >= 0
            ? "expires on " + soonest.notAfter() + ", in " + days + (days == 1 ? " day" : " days")
                + "; handshakes will fail with certificate_expired from then on"
            : "expired on " + soonest.notAfter() + ", " + -days + (days == -1 ? " day" : " days")
                + " ago, and the handshake still succeeded: the peer does not check it yet";
    String summary = "The " + role + " (" + describe(soonest) + ") " + when;
    String fix =
        own
            ? "Renew this JVM's certificate and reload its key store before " + soonest.notAfter()
                + " (JSSE: the KeyManagerFactory's key store; Spring Boot: the SSL bundle)."
            : soonest == h.trustAnchor()
                ? "Have " + peerName(h) + " move to a chain under a root that stays valid, or update this JVM's trust store (a newer JDK's cacerts) before " + soonest.notAfter() + "."
                : "Have " + peerName(h) + " renew and install its certificate chain before " + soonest.notAfter()
                    + " (certbot renew / your CA; nginx `ssl_certificate`, Apache `SSLCertificateFile`, a Java server's key store).";
    out.add(new Warning(WarningKind.CERTIFICATE_EXPIRING, h, summary, fix, soonest, days));
  }

  private static boolean earlier(CertificateSummary c, CertificateSummary than) {
    return c.notAfter() != null && (than == null || c.notAfter().isBefore(than.notAfter()));
  }

  private static void protocol(HealthyHandshake h, List<Warning> out) {
    String p = h.protocol();
    if (rank(p) > 0 && rank(p) < rank("TLSv1.2")) {
      out.add(
          new Warning(
              WarningKind.LEGACY_PROTOCOL, h,
              "The connection with " + peerName(h) + " negotiated " + p
                  + ", deprecated by RFC 8996 and disabled by default since JDK 8u291/11.0.11 (jdk.tls.disabledAlgorithms); "
                  + "it works only because this JVM's policy was relaxed",
              "Enable TLS 1.2 or 1.3 on " + peerName(h) + " (nginx `ssl_protocols TLSv1.2 TLSv1.3`), then restore TLSv1 and TLSv1.1 to jdk.tls.disabledAlgorithms.",
              null, Warning.NOT_EXPIRY));
    }
  }

  private static void forwardSecrecy(HealthyHandshake h, List<Warning> out) {
    String suite = h.cipherSuite();
    if (suite == null || "TLSv1.3".equals(h.protocol())) {
      return;
    }
    String kx = keyExchange(suite);
    if (kx.equals("RSA") || kx.startsWith("DH_") || kx.startsWith("ECDH_")) {
      out.add(
          new Warning(
              WarningKind.NO_FORWARD_SECRECY, h,
              "The connection with " + peerName(h) + " uses " + suite + ", a key exchange without forward secrecy ("
                  + kx + "): whoever obtains the server's private key can decrypt recorded traffic; TLS 1.3 removed such suites",
              "Prefer ECDHE or DHE suites on " + peerName(h)
                  + " (nginx `ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20`, or enable TLS 1.3); in this JVM, drop TLS_RSA_* from the enabled suites.",
              null, Warning.NOT_EXPIRY));
    }
  }

  private static String keyExchange(String suite) {
    String s = suite.startsWith("SSL_") ? "TLS_" + suite.substring(4) : suite;
    int with = s.indexOf("_WITH_");
    return with > 4 ? s.substring(4, with) : "";
  }

  private static void signatures(HealthyHandshake h, List<Warning> out) {
    for (CertificateSummary c : concat(h.peerChain(), h.localChain())) {
      String alg = c.signatureAlgorithm();
      if (!c.isSelfIssued() && alg != null && alg.toUpperCase(Locale.ROOT).replace("-", "").contains("SHA1")) {
        out.add(
            new Warning(
                WarningKind.SHA1_SIGNATURE, h,
                "The certificate " + describe(c) + " in the chain of " + peerName(h) + " is signed with " + alg
                    + "; SHA-1 signatures on certificates are collision-prone and rejected by browsers and, for TLS, by newer JDK policies",
                "Reissue " + c.commonNameOrSubject() + " with a SHA-256 (or stronger) signature and install it where it is served.",
                c, Warning.NOT_EXPIRY));
        return;
      }
    }
  }

  private static void rsaKeys(HealthyHandshake h, List<Warning> out) {
    List<CertificateSummary> all = concat(h.peerChain(), h.localChain());
    if (h.trustAnchor() != null) {
      all.add(h.trustAnchor());
    }
    for (CertificateSummary c : all) {
      if ("RSA".equalsIgnoreCase(c.publicKeyAlgorithm()) && c.publicKeyBits() > 0 && c.publicKeyBits() < 2048) {
        out.add(
            new Warning(
                WarningKind.WEAK_RSA_KEY, h,
                "The certificate " + describe(c) + " in the chain of " + peerName(h) + " has a " + c.publicKeyBits()
                    + "-bit RSA key; keys under 2048 bits are below NIST's minimum and jdk.certpath.disabledAlgorithms may reject them",
                "Reissue " + c.commonNameOrSubject() + " with an RSA key of at least 2048 bits (or an EC P-256 key).",
                c, Warning.NOT_EXPIRY));
        return;
      }
    }
  }

  private static void anchor(HealthyHandshake h, List<Warning> out) {
    CertificateSummary anchor = h.trustAnchor();
    if (anchor == null) {
      return;
    }
    if (h.distrustPolicy() != null) {
      out.add(
          new Warning(
              WarningKind.DISTRUSTED_ANCHOR, h,
              "The chain of " + peerName(h) + " ends at " + describe(anchor) + ", a root this JDK distrusts for newer TLS certificates ("
                  + h.distrustPolicy() + " in jdk.security.caDistrustPolicies); it is accepted now only because the leaf predates the cut-off, and its renewal from the same CA will be rejected",
              "Have " + peerName(h) + " move to a certificate from another CA before renewing.",
              anchor, Warning.NOT_EXPIRY));
    }
    if (!h.peerChain().isEmpty()) {
      CertificateSummary leaf = h.peerChain().get(0);
      if (anchor.notAfter() != null && leaf.notAfter() != null && anchor.notAfter().isBefore(leaf.notAfter())) {
        out.add(
            new Warning(
                WarningKind.ANCHOR_EXPIRES_BEFORE_LEAF, h,
                "The trust anchor " + describe(anchor) + " of " + peerName(h) + " expires on " + anchor.notAfter()
                    + ", before the certificate it vouches for (" + leaf.notAfter() + "); from then on this JVM cannot validate the chain",
                "Have " + peerName(h) + " serve a chain to a newer root (a cross-signed intermediate), or add that root to this JVM's trust store.",
                anchor, Warning.NOT_EXPIRY));
      }
    }
  }

  private static void drift(HealthyHandshake now, HealthyHandshake before, List<Warning> out) {
    if (!now.peerChain().isEmpty() && !before.peerChain().isEmpty()) {
      CertificateSummary leaf = now.peerChain().get(0);
      CertificateSummary old = before.peerChain().get(0);
      if (leaf.issuer() != null && !leaf.issuer().equals(old.issuer())) {
        out.add(
            new Warning(
                WarningKind.ISSUER_CHANGED, now,
                "The certificate of " + peerName(now) + " changed issuer since " + before.observedAt()
                    + ": was " + old.issuer() + ", now " + leaf.issuer() + " (" + describe(leaf) + ")",
                "If the change was not planned (interception, a wrong certificate deployed), check " + peerName(now)
                    + "; if it was, make sure every client's trust store holds the new issuer's root.",
                leaf, Warning.NOT_EXPIRY));
      }
      if (leaf.publicKeyAlgorithm() != null && !leaf.publicKeyAlgorithm().equals(old.publicKeyAlgorithm())) {
        out.add(
            new Warning(
                WarningKind.KEY_TYPE_CHANGED, now,
                "The certificate of " + peerName(now) + " changed key type since " + before.observedAt()
                    + ": was " + old.publicKeyAlgorithm() + ", now " + leaf.publicKeyAlgorithm(),
                "Check that every client of " + peerName(now) + " accepts " + leaf.publicKeyAlgorithm()
                    + " (signature schemes, pinned keys); clients that do not will fail the handshake.",
                leaf, Warning.NOT_EXPIRY));
      }
    }
    if (rank(now.protocol()) > 0 && rank(now.protocol()) < rank(before.protocol())) {
      out.add(
          new Warning(
              WarningKind.PROTOCOL_DOWNGRADED, now,
              "The connection with " + peerName(now) + " negotiated " + now.protocol() + ", down from "
                  + before.protocol() + " on " + before.observedAt(),
              "Check the TLS configuration of " + peerName(now) + " (a rollback, a new load balancer) and this JVM's jdk.tls.client.protocols.",
              null, Warning.NOT_EXPIRY));
    }
  }

  private static List<CertificateSummary> concat(List<CertificateSummary> a, List<CertificateSummary> b) {
    List<CertificateSummary> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static int rank(String protocol) {
    if (protocol == null) {
      return 0;
    }
    switch (protocol) {
      case "SSLv3":
        return 1;
      case "TLSv1":
        return 2;
      case "TLSv1.1":
        return 3;
      case "TLSv1.2":
        return 4;
      case "TLSv1.3":
        return 5;
      default:
        return 0;
    }
  }

  private static String describe(CertificateSummary c) {
    return c.subject() + ", issued by " + c.issuer();
  }

  private static String peerRole(HealthyHandshake h) {
    return h.side() == Side.CLIENT ? "server" : "client";
  }

  /** {@code the server api.example.com:443} or {@code the clients of this server (port 8443)}. */
  static String peerName(HealthyHandshake h) {
    if (h.side() == Side.CLIENT) {
      return "the server " + h.peerHost() + (h.peerPort() > 0 ? ":" + h.peerPort() : "");
    }
    return "the clients of this server" + (h.peerPort() > 0 ? " (port " + h.peerPort() + ")" : "");
  }
}
