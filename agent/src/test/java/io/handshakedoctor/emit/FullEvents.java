package io.handshakedoctor.emit;

import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Confidence;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.ServerHelloSummary;
import io.handshakedoctor.evidence.Side;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/** Failure events with every fact present, so that every attribute the agent can write is written. */
public final class FullEvents {
  private FullEvents() {}

  /** A client whose peer sent its chain and then a fatal alert; the ServerHello was seen. */
  public static FailureEvent client() {
    return new FailureEvent(
        evidence(Side.CLIENT, "api.example.com", 443).alertReceived(new AlertSummary("handshake_failure", true)).build(),
        diagnosis());
  }

  /** A server that sent a fatal alert to a client at 10.0.0.7. */
  public static FailureEvent server() {
    return new FailureEvent(
        evidence(Side.SERVER, "10.0.0.7", 51234).alertSent(new AlertSummary("certificate_unknown", true)).build(),
        diagnosis());
  }

  private static HandshakeEvidence.Builder evidence(Side side, String peer, int port) {
    CertificateSummary leaf =
        new CertificateSummary(
            "CN=api.example.com", "CN=Example CA", List.of("DNS:api.example.com"),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), "01",
            "9F:86:D0", "RSA", 2048, "SHA256withRSA", false, false, List.of());
    return HandshakeEvidence.builder(side)
        .peer(peer, port)
        .local(LocalConfiguration.builder().enabledProtocols(List.of("TLSv1.3", "TLSv1.2")).build())
        .clientHello(
            new ClientHelloSummary(
                "TLSv1.2", List.of("TLSv1.3", "TLSv1.2"), List.of("TLS_AES_128_GCM_SHA256"),
                List.of("api.example.com"), List.of("h2"), List.of("rsa_pss_rsae_sha256"),
                List.of("x25519"), List.of("x25519"), false,
                "0b1f3a5dd6fbc3a4b2d0ee0da36e9b5e", "t13d0104h2_c8af8f2a6c26_0c4bf1e2d0a1"))
        .serverHello(new ServerHelloSummary("TLSv1.3", "TLS_AES_128_GCM_SHA256", false, "x25519", null, false))
        .peerCertificates(List.of(leaf))
        .failure(new SSLHandshakeException("PKIX path validation failed"));
  }

  private static Diagnosis diagnosis() {
    return Diagnosis.builder(Cause.CERTIFICATE_EXPIRED)
        .confidence(Confidence.HIGH)
        .summary("The certificate expired.")
        .fix("Renew it.")
        .evidence("trust manager threw CertificateExpiredException")
        .alternative(Cause.NO_COMMON_PROTOCOL_VERSION)
        .responsibleParty(Diagnosis.SERVER)
        .build();
  }
}
