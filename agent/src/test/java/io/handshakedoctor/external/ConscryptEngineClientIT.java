package io.handshakedoctor.external;

import io.handshakedoctor.samples.external.ConscryptEngineConnect;

/**
 * A client on a Conscrypt 2.5.2 SSLEngine driven over a socket, under the agent, against the
 * {@code openssl s_server} peers of {@link ConscryptSocketClientIT}, on JDK 17 and 25.
 */
class ConscryptEngineClientIT extends EngineClientHarness {
  ConscryptEngineClientIT() {
    super(ConscryptSocketClientIT.ENGINE, "SSLEngine", ConscryptSocketClientIT.SCENARIOS, ConscryptEngineConnect.class,
        ConscryptSocketClientIT::classPath);
  }
}
