package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Optional;

/**
 * The connection was reset or closed mid-handshake without a TLS alert. The symptom is certain,
 * the reason is not: a firewall/IPS, a server that drops unsupported hellos, or (TLS 1.3) a
 * server refusing a missing client certificate.
 */
final class ConnectionResetRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (!f.looksLikeReset() || Facts.alertReceived(e, f) != null) {
      return Optional.empty();
    }
    boolean nothingBack = e.messagesReceived().isEmpty();
    Diagnosis.Builder d = Diagnosis.builder(Cause.CONNECTION_RESET_DURING_HANDSHAKE)
        .confidence(Confidence.MEDIUM)
        .evidence(Facts.common(e));
    if (e.side() == Side.CLIENT) {
      boolean noSni = e.clientHello() != null && e.clientHello().serverNames().isEmpty();
      d.summary("The connection to " + Facts.peer(e) + " was closed without a TLS alert "
              + (nothingBack ? "right after this client's ClientHello (nothing came back)" : "after receiving " + e.messagesReceived())
              + ": a firewall/IPS or load balancer on the network path, or a server that silently drops what this client offered"
              + (e.clientHello() == null ? "" : " " + Facts.list(e.clientHello().offeredVersions())) + (noSni ? " without SNI" : "") + ".")
          .fix("Compare with `openssl s_client -connect " + Facts.peer(e) + " -servername <host>` from the same host; if it also fails, check firewalls/proxies "
              + "(allow-listing, TLS inspection); if it works, align this client's protocols/suites/SNI with it (-Djdk.tls.client.protocols, SSLParameters.setServerNames).")
          .responsibleParty(nothingBack ? Diagnosis.NETWORK_PATH : Diagnosis.UNKNOWN_PARTY)
          .alternative(Cause.NO_COMMON_PROTOCOL_VERSION, Cause.NO_COMMON_CIPHER_SUITE);
      if (noSni) {
        d.alternative(Cause.SNI_MISSING);
      }
      if (e.certificateRequest() != null) {
        d.alternative(Cause.CLIENT_CERTIFICATE_REJECTED, Cause.CLIENT_CERTIFICATE_MISSING);
      }
    } else {
      d.summary(Facts.named("The client", e) + " closed the connection without a TLS alert "
              + (nothingBack ? "before sending a ClientHello (port probe, health check or non-TLS client)" : "after " + e.messagesSent()
                  + " from this server, which usually means it rejected this server's certificate or parameters silently") + ".")
          .fix(nothingBack
              ? "If these come from a load balancer health check, switch the check to a TLS check (HAProxy `check-ssl`, nginx upstream), or ignore them."
              : "Check the client's logs for its own error: often it does not trust this server's chain (serve the full chain) or lacks a common protocol.")
          .responsibleParty(Diagnosis.CLIENT)
          .alternative(Cause.UNTRUSTED_UNKNOWN_CA, Cause.INCOMPLETE_CHAIN);
    }
    return Optional.of(d.build());
  }
}
