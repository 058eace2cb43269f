package io.handshakedoctor.external;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.stub.ServerCalls;
import java.io.File;
import java.net.InetSocketAddress;

/**
 * The forked application of {@link GrpcServerIT}: a gRPC 1.85 server on grpc-netty-shaded's defaults (its
 * relocated Netty on its relocated BoringSSL) that requires a client certificate from the given CA and
 * echoes {@link GrpcConnect#CALL}. Arguments: port, certificate chain, key, client CA. Prints
 * {@code listening} once bound, then serves until killed. Test only.
 */
public final class GrpcServe {
  private GrpcServe() {}

  public static void main(String[] args) throws Exception {
    ServerServiceDefinition echo = ServerServiceDefinition.builder("handshakedoctor.Echo")
        .addMethod(GrpcConnect.CALL, ServerCalls.asyncUnaryCall((request, response) -> {
          response.onNext(request);
          response.onCompleted();
        }))
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
        .sslContext(GrpcSslContexts.forServer(new File(args[1]), new File(args[2]))
            .trustManager(new File(args[3]))
            .clientAuth(ClientAuth.REQUIRE)
            .build())
        .addService(echo)
        .build()
        .start();
    System.out.println("listening");
    System.out.flush();
    server.awaitTermination();
  }
}
