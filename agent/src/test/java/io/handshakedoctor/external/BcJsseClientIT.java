package io.handshakedoctor.external;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client on BouncyCastle JSSE 1.83 (installed first, as FIPS deployments do), over SSLSocket and
 * HttpsURLConnection, under the agent, against {@code openssl s_server} peers that each get one thing wrong, on
 * JDK 17 and 25.
 */
class BcJsseClientIT extends EngineClientHarness {
  private static final List<EngineScenario> SCENARIOS = new ArrayList<>(EngineScenario.SERVER_FAULTS);

  static {
    SCENARIOS.addAll(Arrays.asList(
        new EngineScenario("client_certificate_missing", "client_certificate_missing",
            "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
            "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"),
        new EngineScenario("https_url_connection_control", null,
            "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key").clientOption("url"),
        new EngineScenario("https_url_connection_unknown_root", "untrusted_unknown_ca",
            "-cert", "rogue.pem", "-cert_chain", "rogue-ca.pem", "-key", "rogue.key").clientOption("url")));
  }

  BcJsseClientIT() {
    // BouncyCastle JSSE 1.83's jars (bctls, bcprov and bcutil, copied by the build) and the test classes.
    super("BouncyCastle JSSE 1.83", "SSLSocket, HttpsURLConnection", SCENARIOS, BcJsseConnect.class,
        () -> EngineClassPath.jarsIn("bc.jsse.dir", "target/bc-jsse", 3));
  }
}
