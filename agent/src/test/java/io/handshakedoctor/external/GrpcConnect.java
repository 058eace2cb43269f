package io.handshakedoctor.external;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The forked application of {@link GrpcClientIT}: a gRPC 1.85 client on grpc-netty-shaded's
 * defaults (its relocated Netty picks its relocated BoringSSL) making one unary call per
 * {@code name=host:port} argument, through a hand-written method with a byte[] marshaller (no
 * protoc). Prints {@code name: <status>} for each, with the agent's enrichment if any. A target's option
 * {@code JDK} forces gRPC onto the JDK's provider (SunJSSE under its relocated Netty). Test only.
 */
public final class GrpcConnect {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<byte[]>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("handshakedoctor.Echo/Call")
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  /** Each call's deadline; longer where another agent slows the first call down (EngineTraceIT). */
  private static final long DEADLINE_SECONDS = Long.getLong("grpc.connect.deadline.seconds", 3);

  private GrpcConnect() {}

  public static void main(String[] args) throws Exception {
    File trust = new File(args[0]);
    HandshakeAttempts.each(args, (host, port, option) -> {
      SslContextBuilder tls = "JDK".equals(option)
          ? GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
          : GrpcSslContexts.forClient();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
          .overrideAuthority(host + ":" + port)
          .sslContext(tls.trustManager(trust).build())
          .build();
      try {
        ClientCalls.blockingUnaryCall(channel, CALL, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), new byte[0]);
        return "ok";
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode() + " " + e.getMessage() + HandshakeAttempts.diagnoses(e);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    });
  }
}
