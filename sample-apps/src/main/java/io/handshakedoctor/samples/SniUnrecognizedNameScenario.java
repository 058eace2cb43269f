package io.handshakedoctor.samples;

import java.util.Collections;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Server only serves app.handshake-doctor.test (an SNI matcher); the client asks for
 * other.handshake-doctor.test. The client sets SNI explicitly and connects to 127.0.0.1, so no
 * hosts file is needed (and no path replaces the explicit name with one derived from the URL).
 */
final class SniUnrecognizedNameScenario extends TlsScenario {

    SniUnrecognizedNameScenario() {
        super("sni_unrecognized_name", "client sends SNI " + Options.OTHER_HOST + ", server's SNI matcher only accepts " + Options.APP_HOST);
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf(Options.APP_HOST).build());
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        parameters.setSNIMatchers(Collections.singletonList(SNIHostName.createSNIMatcher(Pattern.quote(Options.APP_HOST))));
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        parameters.setServerNames(Collections.singletonList(new SNIHostName(Options.OTHER_HOST)));
    }

    @Override
    protected String clientHost(Options options) {
        return "127.0.0.1";
    }
}
