package io.handshakedoctor.samples;

import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A scenario with a real JSSE server and client. Subclasses say what each side is given
 * (key material, trust, SSLParameters); the base runs the server chosen by {@code --server}
 * and the client path chosen by {@code --client}.
 */
abstract class TlsScenario implements Scenario {

    private final String name;
    private final String description;

    protected TlsScenario(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    protected TestPki pki() {
        return TestPki.shared();
    }

    protected abstract SSLContext serverContext() throws Exception;

    /** Default client: trusts only the test root, no client certificate. */
    protected SSLContext clientContext() throws Exception {
        return Tls.clientTrusting(pki().rootCa().certificate());
    }

    protected void configureServer(SSLParameters parameters, Options options) {
    }

    protected void configureClient(SSLParameters parameters, Options options) {
    }

    /** The name the client connects to (and verifies, and sends as SNI when dotted). */
    protected String clientHost(Options options) {
        return options.host();
    }

    /** Non-null when this scenario cannot be expressed with the chosen options/JDK. */
    protected String skipReason(Options options) {
        return null;
    }

    @Override
    public ScenarioResult run(Options options) throws Exception {
        String skip = skipReason(options);
        if (skip != null) {
            return ScenarioResult.skipped(skip);
        }
        SSLContext serverContext = serverContext();
        SSLContext clientContext = clientContext();
        Consumer<SSLParameters> server = p -> {
            restrictProtocol(p, options);
            configureServer(p, options);
        };
        Consumer<SSLParameters> client = p -> {
            // HttpsURLConnection and HttpClient verify the host name by default; make the
            // socket and engine paths behave like a correctly written client too.
            p.setEndpointIdentificationAlgorithm("HTTPS");
            restrictProtocol(p, options);
            configureClient(p, options);
        };
        try (LoopbackServer running = TlsServer.start(options.server(), serverContext, server, options.timeoutMs())) {
            return Exchange.run(running, options,
                    new ClientRequest(clientHost(options), running.port(), clientContext, client, options.timeoutMs()));
        }
    }

    private static void restrictProtocol(SSLParameters parameters, Options options) {
        if (options.protocol() != null) {
            parameters.setProtocols(new String[] {options.protocol()});
        }
    }
}
