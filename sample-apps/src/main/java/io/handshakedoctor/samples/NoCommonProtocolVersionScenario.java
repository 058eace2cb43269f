package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Client speaks only TLS 1.3, server only TLS 1.2 (both are enabled by default, so this is configuration). */
final class NoCommonProtocolVersionScenario extends TlsScenario {

    NoCommonProtocolVersionScenario() {
        super("no_common_protocol_version", "client enables only TLSv1.3, server only TLSv1.2 (ignores --protocol)");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        parameters.setProtocols(new String[] {"TLSv1.2"});
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        parameters.setProtocols(new String[] {"TLSv1.3"});
    }
}
