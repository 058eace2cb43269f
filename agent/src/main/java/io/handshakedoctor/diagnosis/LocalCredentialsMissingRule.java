package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;

/**
 * This JVM is the server and has no key and certificate usable for what the client offered: most
 * often no key store at all (SSLContext.init(null, ...)) or a key of the wrong type.
 */
final class LocalCredentialsMissingRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (e.side() != Side.SERVER) {
      return Optional.empty();
    }
    boolean noCert = f.mentions("No X.509 certificate for server authentication")
        || f.mentions("No available server certificate")
        || f.mentions("No server certificate");
    boolean noScheme = f.mentions("No available authentication scheme");
    if (!noCert && !noScheme) {
      return Optional.empty();
    }
    List<String> keyTypes = e.local().keyTypes();
    if (noScheme && keyTypes != null && !keyTypes.isEmpty()) {
      return Optional.empty(); // it has keys: they fit none of the client's schemes (next rule)
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.LOCAL_CREDENTIALS_MISSING)
        .summary("This server has no private key and certificate usable for the handshake with " + Facts.peer(e)
            + (e.clientHello() == null || e.clientHello().signatureSchemes().isEmpty() ? ""
                : " (the client accepts signature schemes " + CipherSuites.abbreviate(e.clientHello().signatureSchemes(), 5) + ")")
            + "; this server's key store must be fixed.")
        .fix("Give the server's SSLContext a KeyManager with a key entry (-Djavax.net.ssl.keyStore=/path/server.p12 -Djavax.net.ssl.keyStorePassword=..., "
            + "or `keytool -importkeystore` the key+chain into it); with TLS 1.3/1.2 clients an RSA (2048+) or EC P-256 key works everywhere.")
        .evidence("JSSE on this server: " + (noCert ? "no X.509 certificate for server authentication" : "No available authentication scheme"))
        .evidence(Facts.common(e))
        .responsibleParty(Diagnosis.LOCAL_JVM);
    if (keyTypes != null && keyTypes.isEmpty()) {
      d.confidence(Confidence.HIGH).evidence("this server's key manager holds no key of any type " + "(asked for RSA, EC, RSASSA-PSS, EdDSA, DSA)");
    } else if (noCert) {
      d.confidence(Confidence.HIGH);
    } else {
      // Also raised when a key exists but fits none of the client's signature schemes.
      d.confidence(Confidence.MEDIUM).alternative(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP);
    }
    return Optional.of(d.build());
  }
}
