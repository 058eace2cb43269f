package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;

/** Client and server enable no protocol version in common (and local policy is not the reason). */
final class NoCommonProtocolVersionRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    boolean direct = ProtocolVersions.jsseRefusedVersions(f);
    boolean alertIn = "protocol_version".equals(Facts.alertReceived(e, f));
    boolean alertOut = "protocol_version".equals(Facts.alertSentOrAttached(e));
    if (!direct && !alertIn && !alertOut) {
      return Optional.empty();
    }
    List<String> peer = ProtocolVersions.peerVersions(e, f);
    List<String> local = ProtocolVersions.localVersions(e, f);
    List<String> policyDisabled = ProtocolVersions.disabledByPolicy(e, e.local().enabledProtocols());
    PolicySetting source = e.local().protocolsSource();
    Diagnosis.Builder d = Diagnosis.builder(Cause.NO_COMMON_PROTOCOL_VERSION).evidence(Facts.common(e))
        .evidence(source == null ? null : "this JVM's enabled protocols " + Facts.list(e.local().enabledProtocols())
            + " were chosen by " + PolicySources.origin(source));
    String who = Facts.capitalize(Facts.peerRole(e));
    if (!peer.isEmpty()) {
      // We know both lists: whoever is older must move up.
      boolean peerOlder = ProtocolVersions.maxRank(peer) < ProtocolVersions.maxRank(local);
      String behind = peerOlder ? Facts.peerParty(e) : Facts.localParty(e);
      d.confidence(Confidence.HIGH)
          .summary(who + " supports " + Facts.list(peer) + " but this JVM accepts only " + Facts.list(local)
              + "; the " + behind + (peerOlder ? " must enable a newer protocol." : " (this JVM) must enable one of the peer's protocols."))
          .fix(peerOlder
              ? "Enable TLSv1.2 (and TLSv1.3) on the " + behind + ": Java -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 or SSLParameters.setProtocols, "
                  + "nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, HAProxy `ssl-min-ver TLSv1.2`, Envoy `tls_params.tls_minimum_protocol_version: TLSv1_2`."
              : PolicySources.configured(source)
                  ? "Add one of " + Facts.list(peer) + " to this JVM's enabled protocols " + PolicySources.whereToChange(source) + "."
                  : "Add one of " + Facts.list(peer) + " to this JVM's enabled protocols (SSLParameters.setProtocols, -Djdk.tls.client.protocols, -Djdk.tls.server.protocols).")
          .responsibleParty(behind);
    } else if (e.side() == Side.CLIENT) {
      List<String> offered = e.clientHello() == null ? e.local().enabledProtocols() : e.clientHello().offeredVersions();
      boolean onlyTls13 = offered.size() == 1 && "TLSv1.3".equals(ProtocolVersions.normalize(offered.get(0)));
      d.confidence(onlyTls13 || !policyDisabled.isEmpty() ? Confidence.MEDIUM : Confidence.HIGH)
          .summary(who + " refused every protocol version this client offered " + Facts.list(offered)
              + " (alert protocol_version); "
              + (onlyTls13 ? "this client offers only TLSv1.3, which the server probably does not support yet."
                  : "the server probably supports only older versions and must be upgraded."))
          .fix(onlyTls13 && PolicySources.configured(source)
              ? "Also enable TLSv1.2 on this client " + PolicySources.whereToChange(source) + " (this client's " + Facts.list(offered) + " come from "
                  + source.name() + ", " + PolicySources.origin(source) + "), or enable TLSv1.3 on the server (nginx `ssl_protocols TLSv1.2 TLSv1.3;`)."
              : onlyTls13
              ? "Also enable TLSv1.2 on this client (-Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 or SSLParameters.setProtocols), or enable TLSv1.3 on the server (nginx `ssl_protocols TLSv1.2 TLSv1.3;`)."
              : "Enable TLSv1.2/TLSv1.3 on the server (nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, HAProxy `ssl-min-ver TLSv1.2`, Envoy `tls_minimum_protocol_version`).")
          .responsibleParty(onlyTls13 ? Diagnosis.CLIENT : Diagnosis.SERVER);
      if (!policyDisabled.isEmpty()) {
        d.evidence("this JVM enables " + policyDisabled + " but jdk.tls.disabledAlgorithms disables them")
            .alternative(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY);
      }
    } else {
      d.confidence(Confidence.MEDIUM)
          .summary(who + " and this server share no protocol version (alert protocol_version); this server accepts " + Facts.list(local) + ".")
          .fix("Align the versions: enable TLSv1.2/TLSv1.3 on the client (-Djdk.tls.client.protocols=TLSv1.3,TLSv1.2) or add the client's version to this server's enabled protocols.")
          .responsibleParty(Diagnosis.UNKNOWN_PARTY)
          .alternative(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY);
    }
    return Optional.of(d.build());
  }
}
