package io.handshakedoctor.external;

import io.handshakedoctor.samples.external.ConscryptEngineServe;

/**
 * A Conscrypt 2.5.2 SSLEngine server over accepted sockets, requiring a client certificate and TLS
 * 1.2 or newer, under the agent, facing the {@code openssl s_client} clients of
 * {@link ConscryptSocketServerIT}, on JDK 17 and 25.
 */
class ConscryptEngineServerIT extends EngineServerHarness {
  ConscryptEngineServerIT() {
    super(ConscryptSocketClientIT.ENGINE, "SSLEngine server", ConscryptSocketServerIT.SCENARIOS, ConscryptEngineServe.class,
        ConscryptSocketClientIT::classPath);
  }
}
