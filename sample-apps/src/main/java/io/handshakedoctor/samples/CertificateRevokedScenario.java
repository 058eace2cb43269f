package io.handshakedoctor.samples;

import java.security.cert.X509CRL;

import javax.net.ssl.SSLContext;

/**
 * The leaf is on its issuer's CRL. Revocation checking is enabled on the client's own
 * PKIXBuilderParameters with the CRL in a CertStore, so no global system properties and no
 * network fetch are involved (and other scenarios in the same JVM are unaffected).
 */
final class CertificateRevokedScenario extends TlsScenario {

    private TestPki.Credential leaf;

    CertificateRevokedScenario() {
        super("certificate_revoked", "leaf revoked (keyCompromise) on the root's CRL; client checks revocation via PKIX CertStore");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        leaf = pki().leaf("localhost").issuedBy(pki().rootCa()).build();
        return Tls.serverContext(leaf);
    }

    @Override
    protected SSLContext clientContext() throws Exception {
        // serverContext() runs first and minted the leaf this CRL revokes.
        X509CRL crl = pki().crl(pki().rootCa(), leaf.certificate());
        return Tls.context(null, Tls.revocationCheckingTrustManagers(crl, pki().rootCa().certificate()));
    }
}
