package io.handshakedoctor.samples;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Mutual TLS family: the server requires a client certificate and trusts only the test root.
 * Either the client has no key material at all, or it presents a certificate from an unrelated CA.
 */
final class ClientCertificateScenario extends TlsScenario {

    private final boolean presentUntrustedCertificate;

    private ClientCertificateScenario(String name, String description, boolean presentUntrustedCertificate) {
        super(name, description);
        this.presentUntrustedCertificate = presentUntrustedCertificate;
    }

    static ClientCertificateScenario missing() {
        return new ClientCertificateScenario("client_certificate_missing",
                "server requires client auth (setNeedClientAuth), client has no key manager", false);
    }

    static ClientCertificateScenario rejected() {
        return new ClientCertificateScenario("client_certificate_rejected",
                "server requires client auth and trusts only the test root; client presents a cert from " + TestPki.UNRELATED_ROOT_CA,
                true);
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.context(Tls.keyManagers(pki().leaf("localhost").build()), Tls.trustManagers(pki().rootCa().certificate()));
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        parameters.setNeedClientAuth(true);
    }

    @Override
    protected SSLContext clientContext() throws Exception {
        if (!presentUntrustedCertificate) {
            return super.clientContext();
        }
        TestPki.Credential clientCert = pki().leaf("client.handshake-doctor.test")
                .onlyDnsNames("client.handshake-doctor.test")
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
                .issuedBy(pki().unrelatedRootCa())
                .build();
        return Tls.context(new KeyManager[] {new AlwaysPresentingKeyManager(clientCert)},
                Tls.trustManagers(pki().rootCa().certificate()));
    }
}
