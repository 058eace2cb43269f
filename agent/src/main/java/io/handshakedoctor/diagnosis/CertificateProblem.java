package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXReason;

/**
 * What the local trust manager held against a peer chain, read from exception types first
 * (CertPathValidatorException reasons, java.security.cert exception classes) and messages last.
 */
enum CertificateProblem {
  EXPIRED("has expired"),
  NOT_YET_VALID("is not yet valid"),
  REVOKED("has been revoked"),
  WEAK_ALGORITHM("uses a key size or signature algorithm this JVM's policy refuses"),
  USAGE("does not permit this use (key usage / extended key usage)"),
  HOSTNAME("does not match the host name"),
  NO_TRUST_PATH("does not chain to a trusted root (PKIX path building failed)"),
  OTHER("failed validation");

  private final String phrase;

  CertificateProblem(String phrase) {
    this.phrase = phrase;
  }

  /** Completes "the certificate ...", e.g. "has expired". */
  String phrase() {
    return phrase;
  }

  /** The problem, or null when the failure is not about a certificate at all. */
  static CertificateProblem classify(Failures f) {
    CertPathValidatorException.Reason reason = f.certPathReason();
    if (f.has(CertificateExpiredException.class) || reason == BasicReason.EXPIRED) {
      return EXPIRED;
    }
    if (f.has(CertificateNotYetValidException.class) || reason == BasicReason.NOT_YET_VALID) {
      return NOT_YET_VALID;
    }
    if (f.has(CertificateRevokedException.class) || reason == BasicReason.REVOKED || f.mentions("Certificate has been revoked")) {
      return REVOKED;
    }
    if (reason == BasicReason.ALGORITHM_CONSTRAINED || f.mentions("Algorithm constraints check failed")) {
      return WEAK_ALGORITHM;
    }
    if (reason == PKIXReason.INVALID_KEY_USAGE
        || f.mentions("Extended key usage does not permit")
        || f.mentions("KeyUsage does not allow")
        || f.mentions("Netscape cert type does not permit")) {
      return USAGE;
    }
    if (HostnameFailure.find(f) != null) {
      return HOSTNAME;
    }
    if (f.has(CertPathBuilderException.class)
        || f.hasNamed("SunCertPathBuilderException")
        || reason == PKIXReason.NO_TRUST_ANCHOR
        || f.mentions("unable to find valid certification path")
        || f.mentions("does not chain with any of the trust anchors")
        // Conscrypt's TrustManagerImpl (and Android's): a CertPathValidatorException without a reason.
        || f.mentions("Trust anchor for certification path not found")) {
      return NO_TRUST_PATH;
    }
    if (f.hasNamed("sun.security.validator.ValidatorException")
        || f.has(CertPathValidatorException.class)
        || f.has(CertificateException.class)) {
      return OTHER;
    }
    return null;
  }

  /**
   * The problem with the server's chain as judged by this JVM as a client; null on the server
   * side (there the trust manager judges client chains, which is client_certificate_rejected).
   */
  static CertificateProblem ofServerChain(HandshakeEvidence e, Failures failures) {
    if (e.side() != io.handshakedoctor.evidence.Side.CLIENT) {
      return null;
    }
    if (e.trust() != null && !e.trust().isPeerServer()) {
      return null;
    }
    if (e.origin() == io.handshakedoctor.evidence.FailureOrigin.HOSTNAME_VERIFIER) {
      return HOSTNAME; // the handshake completed; only the host name check failed
    }
    return classify(failures);
  }
}
