package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server required a client certificate and the client sent none. On the client side of TLS
 * 1.3 the server's refusal often arrives only as a reset or broken pipe, so the key manager's
 * empty choice after a CertificateRequest is the key fact.
 */
final class ClientCertificateMissingRule implements DiagnosisRule {
  private static final List<String> REFUSAL_ALERTS =
      Arrays.asList("certificate_required", "handshake_failure", "bad_certificate", "certificate_unknown", "access_denied");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    return e.side() == Side.SERVER ? serverSide(e, f) : clientSide(e, f);
  }

  private static Optional<Diagnosis> serverSide(HandshakeEvidence e, Failures f) {
    boolean empty = f.mentions("Empty client certificate chain");
    // The engine's own word counts even when the wire carried another alert (TLS 1.2 has no
    // certificate_required: BoringSSL sends handshake_failure, its error still says why).
    boolean required = e.local().clientAuth() == ClientAuthMode.REQUIRED
        && ("certificate_required".equals(Facts.alertSentOrAttached(e)) || "certificate_required".equals(e.jsseAlert()));
    if (!empty && !required) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnosis.builder(Cause.CLIENT_CERTIFICATE_MISSING)
            .confidence(Confidence.HIGH)
            .summary(Facts.named("The client", e) + " sent no certificate although this server requires one (client auth "
                + e.local().clientAuth() + ", acceptable issuers " + Facts.issuers(e.certificateRequest()) + "); the client must be configured with one.")
            .fix("Give the client a key store with a certificate issued by one of " + Facts.issuers(e.certificateRequest())
                + " (Java: -Djavax.net.ssl.keyStore=client.p12 -Djavax.net.ssl.keyStorePassword=...; curl: --cert/--key), "
                + "or make client auth optional on this server (SSLParameters.setWantClientAuth(true)) if anonymous clients are allowed.")
            .evidence(empty ? "JSSE on this server: Empty client certificate chain" : "the TLS engine on this server: the client sent no certificate")
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.CLIENT)
            .build());
  }

  private static Optional<Diagnosis> clientSide(HandshakeEvidence e, Failures f) {
    CertificateRequestSummary request = e.certificateRequest();
    if (request == null) {
      // TLS 1.3's certificate_required means exactly this (RFC 8446 4.4.2.4), even when the
      // CertificateRequest itself was not seen (BouncyCastle JSSE without a key manager).
      return "certificate_required".equals(Facts.alertReceived(e, f)) ? Optional.of(requestUnseen(e)) : Optional.empty();
    }
    boolean choseNone = e.clientCredentials() != null && e.clientCredentials().choseNone();
    boolean unknownChoice = e.clientCredentials() == null;
    if (!choseNone && !unknownChoice) {
      return Optional.empty();
    }
    String alert = Facts.alertReceived(e, f);
    boolean refusalAlert = alert != null && REFUSAL_ALERTS.contains(alert);
    boolean dropped = f.looksLikeReset() || e.origin() == FailureOrigin.APPLICATION_DATA;
    if (!refusalAlert && !dropped) {
      return Optional.empty();
    }
    Confidence confidence;
    if ("certificate_required".equals(alert)) {
      confidence = Confidence.HIGH;
    } else if (choseNone && refusalAlert) {
      confidence = Confidence.HIGH;
    } else if (choseNone) {
      confidence = Confidence.MEDIUM;
    } else {
      confidence = Confidence.LOW;
    }
    String keyTypes = e.clientCredentials() == null ? "" : " (key types asked: " + e.clientCredentials().keyTypes() + ")";
    Diagnosis.Builder d = Diagnosis.builder(Cause.CLIENT_CERTIFICATE_MISSING)
        .confidence(confidence)
        .summary(Facts.named("The server", e) + " requested a client certificate from issuers " + Facts.issuers(request) + " and this client "
            + (choseNone ? "had none to send: its key manager chose no certificate" + keyTypes : "probably sent none")
            + ", after which the server " + (refusalAlert ? "ended the handshake with alert " + alert
                : "dropped the connection (" + (e.renegotiation() ? "after this client had finished its handshake, " : "")
                    + "without an alert this client could read: the usual refusal of a TLS 1.3 client that writes first)")
            + "; the client must be configured with a certificate the server accepts.")
        .fix("Configure this client's key store with a key entry whose chain is issued by one of " + Facts.issuers(request)
            + ": -Djavax.net.ssl.keyStore=client.p12 -Djavax.net.ssl.keyStorePassword=... -Djavax.net.ssl.keyStoreType=PKCS12, or a KeyManagerFactory in the custom SSLContext.")
        .evidence("server sent CertificateRequest, acceptable issuers " + Facts.issuers(request))
        .evidence(e.clientCredentials() == null ? "key manager choice unknown" : "key manager chose " + (choseNone ? "no certificate" : e.clientCredentials().chosenChain()))
        .evidence(refusalAlert ? null : Facts.alertNotRead(e, f))
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.CLIENT);
    if (confidence != Confidence.HIGH) {
      d.alternative(Cause.CONNECTION_RESET_DURING_HANDSHAKE, Cause.CLIENT_CERTIFICATE_REJECTED);
    }
    return Optional.of(d.build());
  }

  private static Diagnosis requestUnseen(HandshakeEvidence e) {
    return Diagnosis.builder(Cause.CLIENT_CERTIFICATE_MISSING)
        .confidence(Confidence.MEDIUM)
        .summary(Facts.named("The server", e) + " ended the handshake with alert certificate_required: it requires a client certificate and this client sent none"
            + " (the server's CertificateRequest and its acceptable issuers were not captured); the client must be configured with a certificate the server accepts.")
        .fix("Configure this client's key store with a key entry the server accepts (ask its operator for the acceptable CAs, or `openssl s_client -connect "
            + Facts.peer(e) + "` lists them): -Djavax.net.ssl.keyStore=client.p12 -Djavax.net.ssl.keyStorePassword=... -Djavax.net.ssl.keyStoreType=PKCS12, "
            + "or a KeyManagerFactory in the custom SSLContext.")
        .evidence("alert received: certificate_required")
        .evidence("CertificateRequest not captured; key manager choice unknown")
        .evidence(Facts.common(e))
        .alternative(Cause.CLIENT_CERTIFICATE_REJECTED)
        .responsibleParty(Diagnosis.CLIENT)
        .build();
  }

}
