package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Server speaks only h2, client offers only http/1.1: JSSE's server sends no_application_protocol. */
final class AlpnMismatchScenario extends TlsScenario {

    AlpnMismatchScenario() {
        super("alpn_mismatch", "server's ALPN list is [h2] only, client offers [http/1.1] only");
    }

    @Override
    protected String skipReason(Options options) {
        // HttpClient overwrites ALPN itself: nothing for HTTP/1.1, [h2, http/1.1] for HTTP/2.
        return "http-client".equals(options.client()) ? "HttpClient sets its own ALPN list; cannot offer http/1.1 only" : null;
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        parameters.setApplicationProtocols(new String[] {"h2"});
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
    }
}
