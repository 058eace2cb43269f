package io.handshakedoctor.samples;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * Virtual-hosted server picks its certificate by SNI. The client connects by IP literal, for which
 * JSSE (and HttpClient) never send SNI, so it gets the default certificate (default.invalid) and
 * host name verification fails.
 */
final class SniMissingScenario extends TlsScenario {

    SniMissingScenario() {
        super("sni_missing", "client connects to 127.0.0.1 so sends no SNI; server falls back to its default certificate CN=default.invalid");
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        TestPki.Credential app = pki().leaf(Options.APP_HOST).onlyDnsNames(Options.APP_HOST).build();
        TestPki.Credential fallback = pki().leaf("default.invalid").onlyDnsNames("default.invalid").build();
        return Tls.context(new KeyManager[] {new SniSelectingKeyManager(Options.APP_HOST, app, fallback)}, null);
    }

    @Override
    protected String clientHost(Options options) {
        return "127.0.0.1";
    }
}
