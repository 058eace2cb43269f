package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This JVM refused a protocol version by its own policy: jdk.tls.disabledAlgorithms or the
 * application's enabled protocols left nothing usable, or the peer's only versions are ones the
 * local JDK disabled (the classic TLSv1-only peer against a modern JDK).
 */
final class LocalProtocolPolicyRule implements DiagnosisRule {
  /** Versions current servers speak; a policy that disables one of them can strand a client. */
  private static final List<String> CURRENT_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (f.mentions("No appropriate protocol")) {
      return Optional.of(nothingActive(e));
    }
    List<String> peer = ProtocolVersions.peerVersions(e, f);
    if (e.side() == Side.CLIENT && "protocol_version".equals(Facts.alertReceived(e, f))) {
      Optional<Diagnosis> narrowed = policyNarrowedTheOffer(e);
      if (narrowed.isPresent()) {
        return narrowed;
      }
    }
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
    PolicySetting policy = PolicySources.setting(e, PolicySources.DISABLED_TLS);
    return Optional.of(
        Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
            .confidence(Confidence.HIGH)
            .summary(Facts.capitalize(who) + " only speaks " + Facts.list(peer) + ", which this JVM's " + PolicySources.describe(policy)
                + " disables, so this JVM accepts only " + local
                + "; the " + peerParty + " should be upgraded to TLS 1.2 or later.")
            .fix("Enable TLSv1.2/TLSv1.3 on the " + peerParty + " (nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, "
                + "HAProxy `ssl-min-ver TLSv1.2`, Java -Djdk.tls.client.protocols=TLSv1.2,TLSv1.3); only as a stopgap remove "
                + disabled + " from jdk.tls.disabledAlgorithms " + PolicySources.whereToChange(policy) + ".")
            .evidence("peer versions " + Facts.list(peer) + " are all in jdk.tls.disabledAlgorithms")
            .evidence("jdk.tls.disabledAlgorithms = " + e.local().disabledTlsAlgorithms() + " (" + PolicySources.origin(policy) + ")")
            .evidence(Facts.common(e))
            .responsibleParty(peerParty)
            .build());
  }

  private static Diagnosis nothingActive(HandshakeEvidence e) {
    List<String> enabled = e.local().enabledProtocols();
    List<String> disabled = ProtocolVersions.disabledByPolicy(e, enabled);
    PolicySetting policy = PolicySources.setting(e, PolicySources.DISABLED_TLS);
    PolicySetting protocols = e.local().protocolsSource();
    List<String> remaining = new ArrayList<>(enabled);
    remaining.removeAll(disabled);
    boolean explained = enabled.isEmpty() || remaining.isEmpty()
        || (e.local().activeProtocols() != null && e.local().activeProtocols().isEmpty() && !disabled.isEmpty());
    String summary;
    if (enabled.isEmpty()) {
      summary = "This JVM has no TLS protocol enabled for this connection (the application's enabled protocols are empty), so no handshake could start.";
    } else if (remaining.isEmpty()) {
      summary = "Every protocol this JVM enabled " + Facts.list(enabled)
          + (PolicySources.configured(protocols) ? " (" + PolicySources.origin(protocols) + ")" : "")
          + " is disabled by " + PolicySources.describe(policy) + ", so no handshake could start.";
    } else {
      summary = "This JVM found no usable protocol: of the enabled protocols " + Facts.list(enabled)
          + (disabled.isEmpty() ? "" : " policy disables " + disabled + ", and")
          + " the enabled cipher suites fit none of the rest " + Facts.list(remaining) + ".";
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
        .confidence(explained ? Confidence.HIGH : Confidence.MEDIUM)
        .summary(summary)
        .fix((PolicySources.configured(protocols)
                ? "Enable TLSv1.2 and/or TLSv1.3 " + PolicySources.whereToChange(protocols)
                : "Enable TLSv1.2 and/or TLSv1.3 in this JVM (SSLParameters.setProtocols, -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2, -Dhttps.protocols)")
            + " with cipher suites that fit them, and check jdk.tls.disabledAlgorithms " + PolicySources.whereToChange(policy) + ".")
        .evidence("JSSE: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")
        .evidence("enabled protocols " + Facts.list(enabled) + ", active protocols "
            + (e.local().activeProtocols() == null ? "unknown" : Facts.list(e.local().activeProtocols())))
        .evidence("jdk.tls.disabledAlgorithms = " + e.local().disabledTlsAlgorithms() + " (" + (policy == null ? "unknown origin" : PolicySources.origin(policy)) + ")")
        .evidence(protocols == null ? null : "enabled protocols chosen by " + PolicySources.origin(protocols))
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.LOCAL_JVM);
    if (!explained) {
      d.alternative(Cause.NO_COMMON_CIPHER_SUITE);
    }
    return d.build();
  }

  /**
   * The server refused every version this client offered, and the client's policy keeps a
   * current version (TLSv1.2, TLSv1.3) out of the offer: SunJSSE drops disabled versions even from
   * its defaults, so re-enabling them in jdk.tls.client.protocols or SSLParameters cannot help while
   * the policy removes them; the fix is the policy (or a newer server).
   */
  private static Optional<Diagnosis> policyNarrowedTheOffer(HandshakeEvidence e) {
    List<String> offered = e.clientHello() != null && !e.clientHello().offeredVersions().isEmpty()
        ? normalized(e.clientHello().offeredVersions())
        : e.local().activeProtocols();
    if (offered == null) {
      return Optional.empty();
    }
    List<String> withheld = new ArrayList<>();
    for (String current : CURRENT_VERSIONS) {
      if (!offered.contains(current) && Facts.propertyDisables(e.local().disabledTlsAlgorithms(), current)) {
        withheld.add(current);
      }
    }
    if (withheld.isEmpty()) {
      return Optional.empty(); // only versions no current server needs were withheld: not the reason
    }
    PolicySetting policy = PolicySources.setting(e, PolicySources.DISABLED_TLS);
    List<String> enabled = e.local().enabledProtocols();
    return Optional.of(
        Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
            .confidence(Confidence.HIGH)
            .summary(Facts.capitalize(Facts.peerRole(e)) + " refused every version this client offered " + Facts.list(offered)
                + " (alert protocol_version); this client's " + PolicySources.describe(policy) + " disables " + withheld
                + ", so the server, which probably supports only " + withheld + ", is never offered " + (withheld.size() == 1 ? "it." : "them."))
            .fix("Remove " + withheld + " from jdk.tls.disabledAlgorithms " + PolicySources.whereToChange(policy)
                + ", or enable " + offered + " on the server (nginx `ssl_protocols TLSv1.2 TLSv1.3;`); "
                + "jdk.tls.client.protocols or SSLParameters.setProtocols cannot re-enable a version the policy disables.")
            .evidence("offered " + Facts.list(offered) + ", enabled " + Facts.list(enabled) + "; disabled by policy " + withheld)
            .evidence("jdk.tls.disabledAlgorithms = " + e.local().disabledTlsAlgorithms() + " (" + (policy == null ? "unknown origin" : PolicySources.origin(policy)) + ")")
            .evidence(Facts.common(e))
            .alternative(Cause.NO_COMMON_PROTOCOL_VERSION)
            .responsibleParty(Diagnosis.LOCAL_JVM)
            .build());
  }

  private static List<String> normalized(List<String> versions) {
    List<String> out = new ArrayList<>();
    for (String v : versions) {
      out.add(ProtocolVersions.normalize(v));
    }
    return out;
  }
}
