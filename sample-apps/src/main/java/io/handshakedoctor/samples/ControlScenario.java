package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;

/** Everything right: leaf + intermediate from a root the client trusts, matching names, valid dates. */
final class ControlScenario extends TlsScenario {

    ControlScenario() {
        super("control", "healthy handshake and one HTTPS GET; must print ok (proves the harness works)");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }
}
