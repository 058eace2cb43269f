package io.handshakedoctor.samples;

import java.util.function.Consumer;

import javax.net.ssl.SSLParameters;

/** The client is fine; the thing on the other end of the TCP connection is not a working TLS server. */
final class MisbehavingPeerScenario implements Scenario {

    private final String name;
    private final String description;
    private final MisbehavingTcpServer.Behavior behavior;

    MisbehavingPeerScenario(String name, String description, MisbehavingTcpServer.Behavior behavior) {
        this.name = name;
        this.description = description;
        this.behavior = behavior;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ScenarioResult run(Options options) throws Exception {
        Consumer<SSLParameters> client = p -> {
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (options.protocol() != null) {
                p.setProtocols(new String[] {options.protocol()});
            }
        };
        try (LoopbackServer server = MisbehavingTcpServer.start(behavior, options.timeoutMs())) {
            return Exchange.run(server, options, new ClientRequest(options.host(), server.port(),
                    Tls.clientTrusting(TestPki.shared().rootCa().certificate()), client, options.timeoutMs()));
        }
    }
}
