package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Optional;

/**
 * A client sent its ClientHello in the SSLv2 record format, which this server does not accept
 * ("SSLv2Hello is not enabled"): old Java clients with SSLv2Hello enabled and very old OpenSSL
 * builds still do, even when they would go on to speak TLS 1.x.
 */
final class SslV2ClientHelloRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (!f.mentions("SSLv2Hello is not enabled")) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnosis.builder(Cause.SSLV2_CLIENT_HELLO)
            .confidence(Confidence.HIGH)
            .summary(Facts.named("The client", e) + " sent its ClientHello in the old SSLv2 format, which this server does not accept "
                + "(SSLv2Hello is not among its enabled protocols " + Facts.list(e.local().enabledProtocols())
                + "); the client must send a TLS-format hello.")
            .fix("On the client stop enabling SSLv2Hello (Java: remove it from setEnabledProtocols, -Dhttps.protocols or -Djdk.tls.client.protocols; "
                + "other stacks: upgrade). Only as a stopgap add \"SSLv2Hello\" to this server's enabled protocols (SSLParameters.setProtocols), "
                + "which accepts the old hello format but still negotiates TLS.")
            .evidence("JSSE: SSLv2Hello is not enabled")
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.CLIENT)
            .build());
  }
}
