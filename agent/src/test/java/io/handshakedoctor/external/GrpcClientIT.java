package io.handshakedoctor.external;

/**
 * A gRPC 1.85 client on grpc-netty-shaded's defaults (relocated Netty and BoringSSL), under the agent, against
 * {@code openssl s_server} peers that each get one thing wrong, on JDK 17 and 25. The control's handshake succeeds
 * and its call then fails (s_server speaks no HTTP/2): no event.
 */
class GrpcClientIT extends EngineClientHarness {
  GrpcClientIT() {
    super(NettyTcnativeClientIT.ENGINE, "gRPC 1.85 client (grpc-netty-shaded)", EngineScenario.SERVER_FAULTS, GrpcConnect.class,
        GrpcClientIT::grpcClassPath);
    // gRPC insists on ALPN h2: s_server must offer it for the control's handshake to succeed.
    everyPeer("-alpn", "h2");
    everyCallFails("UNAVAILABLE");
    // gRPC may open a second connection at once after the first fails (seen once on JDK 25, two
    // events 31 ms apart): two real handshakes, each with its own event, as NginxClientIT allows.
    reconnects();
  }

  /** gRPC and its own dependencies only: no unrelocated Netty, so only the shaded copy can be hooked. */
  static String grpcClassPath() {
    return EngineClassPath.fromTestClassPath(e -> e.contains("/io/grpc/") || e.contains("guava") || e.contains("failureaccess")
        || e.contains("perfmark"));
  }
}
