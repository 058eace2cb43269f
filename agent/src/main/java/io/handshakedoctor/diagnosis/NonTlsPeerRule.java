package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.wire.PeerBytes;
import java.util.Optional;

/** The peer answered with something that is not TLS: a plain-text port, SSH, a proxy page. */
final class NonTlsPeerRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    boolean jsseSaidSo =
        f.mentions("Unsupported or unrecognized SSL message")
            || f.mentions("Unrecognized SSL message")
            || f.mentions("plaintext connection?")
            || f.mentions("not an SSL/TLS record"); // Netty's SslHandler (NotSslRecordException)
    byte[] sample = e.peerBytesSample();
    boolean bytesSaySo = sample != null && sample.length > 0 && !PeerBytes.isTls(sample);
    if (!jsseSaidSo && !bytesSaySo) {
      return Optional.empty();
    }
    if (!e.messagesReceived().isEmpty()) {
      // The peer did speak TLS first (a hello arrived): bytes that are not TLS after that are a
      // corrupted stream or a confused peer, not a plain-text port.
      return Optional.empty();
    }
    String looks = sample == null ? "bytes that are not a TLS record (no sample was captured)" : PeerBytes.describe(sample);
    Diagnosis.Builder d =
        Diagnosis.builder(Cause.NON_TLS_PEER)
            .confidence(jsseSaidSo ? Confidence.HIGH : Confidence.MEDIUM)
            .evidence(sample == null ? null : "peer's first bytes: " + looks);
    if (e.side() == Side.SERVER) {
      d.summary(Facts.named("The client", e) + " did not start a TLS handshake: it sent " + looks
              + " to this TLS port; the client must change.")
          .fix("On the client, use the TLS scheme for this port (https://, ldaps://, a TLS-enabled driver setting) "
              + "or point plain-text traffic at the server's plain-text port.")
          .responsibleParty(Diagnosis.CLIENT);
    } else {
      boolean proxy = sample != null && PeerBytes.isHttpResponse(sample)
          && (PeerBytes.firstLine(sample).contains(" 407") || Facts.lower(PeerBytes.ascii(sample)).contains("proxy"));
      d.summary(Facts.named("The server", e) + " answered this client's ClientHello with " + looks
              + " instead of TLS: the port does not speak TLS"
              + (proxy ? " (an HTTP proxy answered)" : " (wrong port or scheme, or TLS is terminated elsewhere)") + ".")
          .fix(proxy
              ? "Tunnel through the proxy with CONNECT (set -Dhttps.proxyHost/-Dhttps.proxyPort or the client's proxy setting) instead of sending TLS to it directly."
              : "On the client, connect to the server's TLS port (e.g. 443 instead of 80) or use the plain-text scheme for this port; on the server, enable TLS on this listener (nginx: `listen 443 ssl;`).")
          .responsibleParty(proxy ? Diagnosis.NETWORK_PATH : Diagnosis.CLIENT);
    }
    return Optional.of(d.evidence(Facts.common(e)).build());
  }
}
