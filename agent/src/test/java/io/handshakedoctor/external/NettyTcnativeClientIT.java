package io.handshakedoctor.external;

/**
 * A Netty 4.2 client on netty-tcnative's BoringSSL, under the agent, against {@code openssl s_server} peers that
 * each get one thing wrong, on JDK 17 and 25.
 */
class NettyTcnativeClientIT extends EngineClientHarness {
  static final String ENGINE = "BoringSSL (netty-tcnative)";

  NettyTcnativeClientIT() {
    super(ENGINE, "Netty 4.2 client", EngineScenario.SERVER_FAULTS, NettyTcnativeConnect.class, NettyTcnativeClientIT::nettyClassPath);
  }

  /** The test class path's Netty jars and test classes: what a forked Netty application needs. */
  static String nettyClassPath() {
    return EngineClassPath.fromTestClassPath(e -> e.contains("netty"));
  }
}
