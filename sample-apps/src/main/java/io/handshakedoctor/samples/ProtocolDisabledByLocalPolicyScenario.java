package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The client asks for TLSv1.1 only, which jdk.tls.disabledAlgorithms forbids by default; JSSE
 * refuses before anything is sent ("No appropriate protocol ...").
 */
final class ProtocolDisabledByLocalPolicyScenario extends TlsScenario {

    ProtocolDisabledByLocalPolicyScenario() {
        super("protocol_disabled_by_local_policy",
                "client enables only TLSv1.1, disabled by jdk.tls.disabledAlgorithms (ignores --protocol)");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        parameters.setProtocols(new String[] {"TLSv1.1"});
    }
}
