package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LastGoodHandshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the same peer completed a handshake earlier in this JVM, says what differs now: its
 * certificate, issuer, the protocol or suite, the local policy. "It worked yesterday" is most
 * often answered by one of these.
 */
final class WhatChanged {
  private WhatChanged() {}

  /** {@code d} with the comparison added to its summary and evidence; {@code d} itself when no earlier handshake is known. */
  static Diagnosis annotate(Diagnosis d, HandshakeEvidence e) {
    LastGoodHandshake then = e.lastGood();
    if (then == null) {
      return d;
    }
    try {
      return annotate(d, e, then);
    } catch (RuntimeException ex) {
      return d; // the comparison is an addition: the diagnosis stands without it
    }
  }

  private static Diagnosis annotate(Diagnosis d, HandshakeEvidence e, LastGoodHandshake then) {
    List<String> changes = changes(then, e);
    String when = "the last good handshake with " + then.peer() + " in this JVM was " + Facts.relative(then.at(), e.failedAt())
        + " (" + Facts.instant(then.at()) + ", " + then.protocol() + " / " + then.cipherSuite() + ")";
    List<String> same = comparable(then, e);
    String sentence = !changes.isEmpty() ? " Since " + when + ": " + String.join("; ", changes) + "."
        : same.isEmpty() ? " " + Facts.capitalize(when) + "."
        : " Since " + when + ", nothing this JVM can compare has changed (same " + String.join(", ", same) + ").";
    Diagnosis.Builder b = d.toBuilder().summary(d.summary() + sentence).evidence(when);
    for (String change : changes) {
      b.evidence("changed since the last good handshake: " + change);
    }
    return b.build();
  }

  /** What both handshakes let this JVM compare, so "nothing changed" claims no more than it checked. */
  private static List<String> comparable(LastGoodHandshake then, HandshakeEvidence e) {
    List<String> out = new ArrayList<>();
    if (then.leaf() != null && !Facts.peerChain(e).isEmpty()) {
      out.add("certificate");
    }
    if (e.serverHello() != null) {
      out.add("protocol and suite");
    }
    if (then.disabledTlsAlgorithms() != null && e.local().disabledTlsAlgorithms() != null) {
      out.add("jdk.tls.disabledAlgorithms");
    }
    return out;
  }

  static List<String> changes(LastGoodHandshake then, HandshakeEvidence e) {
    List<String> out = new ArrayList<>();
    List<CertificateSummary> chain = Facts.peerChain(e);
    CertificateSummary leafNow = chain.isEmpty() ? null : chain.get(0);
    CertificateSummary leafThen = then.leaf();
    if (leafNow != null && leafThen != null && !Objects.equals(leafNow.sha256Fingerprint(), leafThen.sha256Fingerprint())) {
      out.add("the peer's certificate changed (was " + Facts.cert(leafThen) + ", valid until " + Facts.instant(leafThen.notAfter())
          + "; now " + Facts.cert(leafNow) + ", valid until " + Facts.instant(leafNow.notAfter()) + ")");
      if (!Objects.equals(leafNow.issuer(), leafThen.issuer())) {
        out.add("its issuer changed from " + Facts.orUnknown(leafThen.issuer()) + " to " + Facts.orUnknown(leafNow.issuer()));
      }
    }
    if (e.serverHello() != null) {
      if (e.serverHello().version() != null && then.protocol() != null
          && !ProtocolVersions.normalize(e.serverHello().version()).equals(ProtocolVersions.normalize(then.protocol()))) {
        out.add("the protocol changed from " + then.protocol() + " to " + e.serverHello().version());
      }
      if (e.serverHello().cipherSuite() != null && then.cipherSuite() != null && !e.serverHello().cipherSuite().equals(then.cipherSuite())) {
        out.add("the cipher suite changed from " + then.cipherSuite() + " to " + e.serverHello().cipherSuite());
      }
    } else if (e.clientHello() != null && then.protocol() != null && !e.clientHello().offeredVersions().isEmpty()
        && !normalized(e.clientHello().offeredVersions()).contains(ProtocolVersions.normalize(then.protocol()))) {
      out.add(then.protocol() + ", negotiated then, is no longer offered (now " + Facts.list(e.clientHello().offeredVersions()) + ")");
    }
    String policyNow = e.local().disabledTlsAlgorithms();
    if (policyNow != null && then.disabledTlsAlgorithms() != null && !policyNow.equals(then.disabledTlsAlgorithms())) {
      out.add("jdk.tls.disabledAlgorithms changed (was \"" + then.disabledTlsAlgorithms() + "\", now \"" + policyNow + "\")");
    }
    return out;
  }

  private static List<String> normalized(List<String> versions) {
    List<String> out = new ArrayList<>();
    for (String v : versions) {
      out.add(ProtocolVersions.normalize(v));
    }
    return out;
  }
}
