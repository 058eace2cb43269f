package io.handshakedoctor.external;

import io.handshakedoctor.samples.external.ConscryptServe;
import java.util.Arrays;
import java.util.List;

/**
 * Conscrypt 2.5.2's default SSLServerSocket (the engine socket) requiring a client certificate and
 * TLS 1.2 or newer, under the agent, facing {@code openssl s_client} clients that each get one
 * thing wrong, on JDK 17 and 25.
 */
class ConscryptSocketServerIT extends EngineServerHarness {
  static final List<EngineScenario> SCENARIOS = Arrays.asList(
      new EngineScenario("control", null, "-cert", "client.pem", "-key", "client.key"),
      new EngineScenario("no_client_certificate", "client_certificate_missing"),
      new EngineScenario("untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"),
      new EngineScenario("tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"));

  ConscryptSocketServerIT() {
    super(ConscryptSocketClientIT.ENGINE, "SSLServerSocket (engine socket, the default)", SCENARIOS, ConscryptServe.class,
        ConscryptSocketClientIT::classPath);
    // Conscrypt's engine socket reads an accepted socket's host through InetAddress internals: its
    // users on JDK 16+ open java.net to it (without, every handshake fails, agent or not).
    jvmOptions("--add-opens", "java.base/java.net=ALL-UNNAMED");
  }
}
