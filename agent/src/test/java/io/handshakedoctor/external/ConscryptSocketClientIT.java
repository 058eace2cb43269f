package io.handshakedoctor.external;

import io.handshakedoctor.samples.external.ConscryptConnect;
import java.util.Arrays;
import java.util.List;

/**
 * A client on Conscrypt 2.5.2 (installed first, its trust manager the default) over its default
 * SSLSocket, the engine socket, under the agent, against {@code openssl s_server} peers that each
 * get one thing wrong, on JDK 17 and 25. Its file-descriptor socket cannot run on JDK 13+ (it reads
 * the descriptor from {@code SocketImpl}, which the JDK's NIO socket leaves unset), so its hooks
 * are checked in {@code ConscryptHookPointsTest} instead.
 */
class ConscryptSocketClientIT extends EngineClientHarness {
  static final String ENGINE = "Conscrypt 2.5.2 (BoringSSL)";

  /**
   * Conscrypt's own trust manager checks the host name before the chain, so the untrusted
   * certificates here name the right host (else the host is all it reports); and Conscrypt 2.5.2
   * still enables TLS 1.0 and 1.1, so a TLS 1.0-only server is reached unless the client narrows
   * its protocols.
   */
  static final List<EngineScenario> SCENARIOS = Arrays.asList(
      new EngineScenario("control", null, "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"),
      new EngineScenario("certificate_expired", "certificate_expired",
          "-cert", "expired.pem", "-cert_chain", "intermediate.pem", "-key", "expired.key"),
      new EngineScenario("self_signed", "untrusted_self_signed", "-cert", "self-signed-app.pem", "-key", "self-signed-app.key"),
      new EngineScenario("unknown_root", "untrusted_unknown_ca",
          "-cert", "swapped.fullchain.pem", "-cert_chain", "second-root.pem", "-key", "swapped.key"),
      new EngineScenario("incomplete_chain", "incomplete_chain", "-cert", "app.pem", "-key", "app.key"),
      new EngineScenario("wrong_host", "hostname_mismatch",
          "-cert", "other.fullchain.pem", "-cert_chain", "intermediate.pem", "-key", "other.key"),
      new EngineScenario("tls10_only_server_conscrypt_defaults", null,
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
      new EngineScenario("tls10_only_server", "no_common_protocol_version",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")
          .clientOption("TLSv1.2,TLSv1.3"),
      new EngineScenario("client_certificate_missing_tls12", "client_certificate_missing",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-no_tls1_3",
          "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"),
      // TLS 1.3: the server's certificate_required arrives after the client's handshake finished.
      new EngineScenario("client_certificate_missing", "client_certificate_missing",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
          "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"));

  ConscryptSocketClientIT() {
    super(ENGINE, "SSLSocket (engine socket, the default)", SCENARIOS, ConscryptConnect.class, ConscryptSocketClientIT::classPath);
  }

  /** Conscrypt's uber jar (natives inside), the sample applications' client paths, the test classes. */
  static String classPath() {
    return EngineClassPath.fromTestClassPath(e -> e.contains("conscrypt") || e.contains("sample-apps"));
  }
}
