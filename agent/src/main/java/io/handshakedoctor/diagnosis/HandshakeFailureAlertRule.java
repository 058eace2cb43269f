package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;

/**
 * The peer ended the handshake with a bare handshake_failure alert. Right after our ClientHello
 * it means the server found nothing acceptable in it: usually the cipher suites, possibly the
 * versions, signature schemes or groups. The rule compares what was offered with what is known
 * and stays at MEDIUM or below.
 */
final class HandshakeFailureAlertRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (!"handshake_failure".equals(Facts.alertReceived(e, f))) {
      return Optional.empty();
    }
    boolean beforeServerHello = !Facts.received(e, "server_hello") && e.serverHello() == null;
    Diagnosis.Builder d;
    if (e.side() == Side.CLIENT && beforeServerHello) {
      d = afterClientHello(e);
    } else {
      d = Diagnosis.builder(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP)
          .confidence(Confidence.LOW)
          .summary(Facts.capitalize(Facts.peerRole(e)) + " ended the handshake with alert handshake_failure after "
              + (e.side() == Side.CLIENT ? "its ServerHello" : "this server's " + e.messagesSent())
              + "; the alert does not say why (signature schemes, groups or certificates this side offered).")
          .fix("Read the peer's log for the exact reason, or reproduce with -Djavax.net.debug=ssl:handshake on this JVM; compare signature schemes and groups (-Djdk.tls.namedGroups, jdk.tls.client.SignatureSchemes).")
          .alternative(Cause.CLIENT_CERTIFICATE_MISSING, Cause.CLIENT_CERTIFICATE_REJECTED, Cause.NO_COMMON_CIPHER_SUITE)
          .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    }
    return Optional.of(d.evidence("alert received: handshake_failure" + (beforeServerHello ? " before any ServerHello" : ""))
        .evidence(Facts.common(e)).build());
  }

  private static Diagnosis.Builder afterClientHello(HandshakeEvidence e) {
    ClientHelloSummary hello = e.clientHello();
    String server = Facts.named("The server", e);
    if (hello == null) {
      return Diagnosis.builder(Cause.NO_COMMON_CIPHER_SUITE)
          .confidence(Confidence.LOW)
          .summary(server + " refused this client's ClientHello with alert handshake_failure; what was offered was not captured, so suites, versions, signature schemes and groups are all possible.")
          .fix("Compare this JVM's enabled protocols and suites with the server's (`nmap --script ssl-enum-ciphers -p <port> <host>`) and enable a common one.")
          .alternative(Cause.NO_COMMON_PROTOCOL_VERSION, Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP, Cause.SNI_MISSING)
          .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    }
    List<String> versions = hello.offeredVersions();
    List<String> suites = hello.cipherSuites();
    boolean onlyTls13 = versions.size() == 1 && "TLSv1.3".equals(ProtocolVersions.normalize(versions.get(0)));
    boolean onlyTls13Suites = CipherSuites.allTls13(suites) && !onlyTls13;
    String offered = "this client offered " + Facts.list(versions) + " with " + CipherSuites.abbreviate(suites, 4);
    if (onlyTls13) {
      return Diagnosis.builder(Cause.NO_COMMON_PROTOCOL_VERSION)
          .confidence(Confidence.MEDIUM)
          .summary(server + " refused the ClientHello with alert handshake_failure; " + offered
              + ": offering only TLSv1.3, which the server likely does not support.")
          .fix("Also enable TLSv1.2 on this client (-Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 or SSLParameters.setProtocols), or enable TLSv1.3 on the server.")
          .alternative(Cause.NO_COMMON_CIPHER_SUITE, Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP)
          .responsibleParty(Diagnosis.CLIENT);
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.NO_COMMON_CIPHER_SUITE)
        .confidence(Confidence.MEDIUM)
        .alternative(Cause.NO_COMMON_PROTOCOL_VERSION, Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP);
    if (hello.serverNames().isEmpty()) {
      d.alternative(Cause.SNI_MISSING);
    }
    if (onlyTls13Suites) {
      return d.summary(server + " refused the ClientHello with alert handshake_failure; " + offered
              + ", but only TLS 1.3 suites, so a TLS 1.2 server finds no suite in common; this client must enable TLS 1.2 suites.")
          .fix("Enable TLS 1.2 suites on this client too (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 via SSLParameters.setCipherSuites or -Djdk.tls.client.cipherSuites).")
          .responsibleParty(Diagnosis.CLIENT);
    }
    boolean modern = CipherSuites.anyModern(suites);
    return d.summary(server + " refused the ClientHello with alert handshake_failure, most likely finding no cipher suite in common; " + offered
            + (modern ? ", so the server probably enables only suites outside this list (or legacy ones)." : ", none of them modern AEAD/ECDHE suites, so this client should offer current suites."))
        .fix("List the server's suites (`nmap --script ssl-enum-ciphers -p " + (e.peerPort() > 0 ? e.peerPort() : 443) + " " + Facts.orUnknown(e.peerHost())
            + "`) and enable a common one: on this JVM with SSLParameters.setCipherSuites or -Djdk.tls.client.cipherSuites, on the server with nginx `ssl_ciphers`, "
            + "Apache `SSLCipherSuite`, HAProxy `ciphers`/`ciphersuites`, Envoy `tls_params.cipher_suites`.")
        .responsibleParty(modern ? Diagnosis.SERVER : Diagnosis.CLIENT);
  }
}
