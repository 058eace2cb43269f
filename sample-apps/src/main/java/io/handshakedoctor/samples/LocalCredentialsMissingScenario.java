package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;

/** A server whose SSLContext was initialised without key managers (a forgotten keystore). */
final class LocalCredentialsMissingScenario extends TlsScenario {

    LocalCredentialsMissingScenario() {
        super("local_credentials_missing", "server SSLContext.init(null, ...) has no certificate/key to present");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.context(null, null);
    }
}
