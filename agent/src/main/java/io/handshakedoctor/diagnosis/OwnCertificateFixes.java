package io.handshakedoctor.diagnosis;

/** Fixes for problems with this server's own certificate, by cause. */
final class OwnCertificateFixes {
  private OwnCertificateFixes() {}

  static String fixFor(Cause cause) {
    switch (cause) {
      case CERTIFICATE_EXPIRED:
        return "Renew this server's certificate and reload its key store (JSSE: the KeyManagerFactory's key store; nginx `ssl_certificate`, Apache `SSLCertificateFile`).";
      case CERTIFICATE_NOT_YET_VALID:
        return "Check this machine's clock and the certificate's notBefore; re-issue it with a start date in the past.";
      case HOSTNAME_MISMATCH:
        return "Serve a certificate whose subjectAltName covers the name clients use (per SNI: an X509ExtendedKeyManager choosing by SNI, nginx `server_name` + `ssl_certificate`).";
      case CERTIFICATE_USAGE_NOT_PERMITTED:
        return "Re-issue this server's certificate with extendedKeyUsage=serverAuth (and keyUsage digitalSignature).";
      case WEAK_CERTIFICATE_ALGORITHM:
        return "Re-issue this server's certificate with an RSA key of at least 2048 bits or an EC key, signed with SHA-256 or better.";
      case UNTRUSTED_SELF_SIGNED:
        return "Serve a certificate issued by a CA the clients trust, or import this self-signed certificate into every client's trust store (`keytool -importcert`).";
      case INCOMPLETE_CHAIN:
        return "Serve the full chain: put the intermediate certificate(s) in the key store entry after the leaf (nginx: leaf + intermediates in `ssl_certificate`; Apache `SSLCertificateChainFile`).";
      default:
        return "Check the chain this server sends with `openssl s_client -showcerts` and fix what the client refuses.";
    }
  }
}
