package io.handshakedoctor.external;

import java.util.Arrays;

/**
 * A Netty 4.2 server on netty-tcnative's BoringSSL requiring a client certificate, under the agent, facing
 * {@code openssl s_client} clients that each get one thing wrong, on JDK 17 and 25. Each event names the client's
 * address and port, which the agent reads from Netty's channel (the server's engine is made without them).
 */
class NettyTcnativeServerIT extends EngineServerHarness {
  NettyTcnativeServerIT() {
    super(NettyTcnativeClientIT.ENGINE, "Netty 4.2 server", Arrays.asList(
            new EngineScenario("control", null, "-cert", "client.pem", "-key", "client.key"),
            new EngineScenario("no_client_certificate", "client_certificate_missing"),
            new EngineScenario("untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"),
            new EngineScenario("tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")),
        NettyTcnativeServe.class, NettyTcnativeClientIT::nettyClassPath);
    namesTheClient();
  }
}
