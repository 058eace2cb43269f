package io.handshakedoctor.external;

import java.util.ArrayList;
import java.util.List;

/**
 * A client on BouncyCastle JSSE 1.83's {@code SSLEngine} under Netty 4.2's {@code SslHandler}
 * ({@code SslProvider.JDK} with the BCJSSE provider), under the agent, against the same {@code openssl
 * s_server} peers as {@link BcJsseClientIT}'s sockets, on JDK 17 and 25.
 */
class BcJsseEngineClientIT extends EngineClientHarness {
  private static final List<EngineScenario> SCENARIOS = new ArrayList<>(EngineScenario.SERVER_FAULTS);

  static {
    SCENARIOS.add(new EngineScenario("client_certificate_missing", "client_certificate_missing",
        "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
        "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"));
  }

  BcJsseEngineClientIT() {
    super("BouncyCastle JSSE 1.83", "Netty 4.2 client (SslHandler on BC's SSLEngine)", SCENARIOS, BcJsseNettyConnect.class,
        BcJsseEngineClientIT::classPath);
  }

  /** BouncyCastle JSSE 1.83's jars (bctls, bcprov and bcutil, copied by the build), Netty's and the test classes. */
  static String classPath() {
    return EngineClassPath.jarsIn("bc.jsse.dir", "target/bc-jsse", 3)
        + java.io.File.pathSeparator + EngineClassPath.fromTestClassPath(e -> e.contains("netty"));
  }
}
