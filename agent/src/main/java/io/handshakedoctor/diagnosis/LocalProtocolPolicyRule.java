package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This JVM refused a protocol version by its own policy: jdk.tls.disabledAlgorithms or the
 * application's enabled protocols left nothing usable, or the peer's only versions are ones the
 * local JDK disabled (the classic TLSv1-only peer against a modern JDK).
 */
final class LocalProtocolPolicyRule implements DiagnosisRule {
  private static final String JAVA_SECURITY =
      "$JAVA_HOME/conf/security/java.security (or a file passed with -Djava.security.properties=)";

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e) {
    Failures f = Failures.of(e);
    if (f.mentions("No appropriate protocol")) {
      return Optional.of(nothingActive(e));
    }
    List<String> peer = ProtocolVersions.peerVersions(e, f);
    if (!ProtocolVersions.jsseRefusedVersions(f) && !"protocol_version".equals(Facts.alertSentOrAttached(e))) {
      return Optional.empty();
    }
    List<String> disabled = ProtocolVersions.disabledByPolicy(e, peer);
    if (peer.isEmpty() || disabled.size() != peer.size()) {
      return Optional.empty();
    }
    String who = Facts.peerRole(e);
    String peerParty = Facts.peerParty(e);
    String local = Facts.list(ProtocolVersions.localVersions(e, f));
    return Optional.of(
        Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
            .confidence(Confidence.HIGH)
            .summary(capitalize(who) + " only speaks " + Facts.list(peer) + ", which this JVM's jdk.tls.disabledAlgorithms ("
                + e.local().disabledTlsAlgorithms() + ") disables, so this JVM accepts only " + local
                + "; the " + peerParty + " should be upgraded to TLS 1.2 or later.")
            .fix("Enable TLSv1.2/TLSv1.3 on the " + peerParty + " (nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, "
                + "HAProxy `ssl-min-ver TLSv1.2`, Java -Djdk.tls.client.protocols=TLSv1.2,TLSv1.3); only as a stopgap remove "
                + disabled + " from jdk.tls.disabledAlgorithms in " + JAVA_SECURITY + ".")
            .evidence("peer versions " + Facts.list(peer) + " are all in jdk.tls.disabledAlgorithms")
            .evidence(Facts.common(e))
            .responsibleParty(peerParty)
            .build());
  }

  private static Diagnosis nothingActive(HandshakeEvidence e) {
    List<String> enabled = e.local().enabledProtocols();
    List<String> disabled = ProtocolVersions.disabledByPolicy(e, enabled);
    List<String> remaining = new ArrayList<>(enabled);
    remaining.removeAll(disabled);
    boolean explained = enabled.isEmpty() || remaining.isEmpty()
        || (e.local().activeProtocols() != null && e.local().activeProtocols().isEmpty() && !disabled.isEmpty());
    String summary;
    if (enabled.isEmpty()) {
      summary = "This JVM has no TLS protocol enabled for this connection (the application's enabled protocols are empty), so no handshake could start.";
    } else if (remaining.isEmpty()) {
      summary = "Every protocol this JVM enabled " + Facts.list(enabled) + " is disabled by jdk.tls.disabledAlgorithms ("
          + e.local().disabledTlsAlgorithms() + "), so no handshake could start.";
    } else {
      summary = "This JVM found no usable protocol: of the enabled protocols " + Facts.list(enabled)
          + (disabled.isEmpty() ? "" : " policy disables " + disabled + ", and")
          + " the enabled cipher suites fit none of the rest " + Facts.list(remaining) + ".";
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
        .confidence(explained ? Confidence.HIGH : Confidence.MEDIUM)
        .summary(summary)
        .fix("Enable TLSv1.2 and/or TLSv1.3 in this JVM (SSLParameters.setProtocols, -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2, "
            + "-Dhttps.protocols) with cipher suites that fit them, and check jdk.tls.disabledAlgorithms in " + JAVA_SECURITY + ".")
        .evidence("JSSE: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")
        .evidence("enabled protocols " + Facts.list(enabled) + ", active protocols "
            + (e.local().activeProtocols() == null ? "unknown" : Facts.list(e.local().activeProtocols())))
        .evidence("jdk.tls.disabledAlgorithms = " + e.local().disabledTlsAlgorithms())
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.LOCAL_JVM);
    if (!explained) {
      d.alternative(Cause.NO_COMMON_CIPHER_SUITE);
    }
    return d.build();
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
