package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import java.util.Optional;

/**
 * This client sent no SNI and the server answered with its default certificate for another name.
 * JSSE sends no SNI for IP literals and dotless names such as {@code localhost}.
 */
final class SniMissingRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.HOSTNAME) {
      return Optional.empty();
    }
    if (e.clientHello() == null || !e.clientHello().serverNames().isEmpty()) {
      return Optional.empty();
    }
    HostnameFailure failure = HostnameFailure.of(e, f);
    String host = failure.host;
    List<String> names = failure.names;
    boolean jsseRule = Facts.jsseSendsNoSniFor(host);
    if (jsseRule && !Facts.isIpLiteral(host)) {
      // A dotless name such as localhost: SNI could not have carried it either, so the
      // certificate simply does not cover the name (HostnameMismatchRule, with this as alternative).
      return Optional.empty();
    }
    return Optional.of(
        Diagnosis.builder(Cause.SNI_MISSING)
            .confidence(Confidence.MEDIUM)
            .summary("This client sent no SNI" + (jsseRule ? " (JSSE sends none for '" + host + "', an IP literal or dotless name)" : "")
                + " and the server " + Facts.peer(e) + " answered with a certificate for " + names
                + " instead of '" + host + "'; the client should connect by a fully qualified name the certificate covers or set SNI explicitly.")
            .fix("Connect using the server's DNS name (e.g. one of " + names + "), or set SNI in code: "
                + "SSLParameters.setServerNames(List.of(new SNIHostName(\"" + (names.isEmpty() ? "server.example.com" : names.get(0).replace("CN=", "")) + "\"))); "
                + "alternatively make the server's default certificate cover '" + host + "' (nginx `default_server`, HAProxy first `crt`).")
            .evidence("ClientHello had no server_name extension")
            .evidence("host name check failed: " + failure.message)
            .evidence(failure.leaf == null ? null : "certificate names " + names)
            .evidence(Facts.common(e))
            .alternative(Cause.HOSTNAME_MISMATCH)
            .responsibleParty(Diagnosis.CLIENT)
            .build());
  }
}
