package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Disjoint cipher suites. TLS 1.2 (default): the client only offers ECDHE_ECDSA suites, the server
 * has an RSA key and only enables ECDHE_RSA suites. With --protocol TLSv1.3: two different AEAD suites.
 */
final class NoCommonCipherSuiteScenario extends TlsScenario {

    NoCommonCipherSuiteScenario() {
        super("no_common_cipher_suite",
                "client offers only ECDHE_ECDSA suites, RSA-keyed server enables only ECDHE_RSA (TLS 1.2; disjoint TLS 1.3 suites with --protocol TLSv1.3)");
    }

    private static boolean tls13(Options options) {
        return "TLSv1.3".equals(options.protocol());
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        if (tls13(options)) {
            parameters.setCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384"});
        } else {
            parameters.setProtocols(new String[] {"TLSv1.2"});
            parameters.setCipherSuites(new String[] {
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
        }
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        if (tls13(options)) {
            parameters.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        } else {
            parameters.setProtocols(new String[] {"TLSv1.2"});
            parameters.setCipherSuites(new String[] {
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        }
    }
}
