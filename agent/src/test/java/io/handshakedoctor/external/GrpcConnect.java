package io.handshakedoctor.external;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
 * protoc). Prints {@code name: <status>} for each, with the agent's enrichment if any. Test only.
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

  private GrpcConnect() {}

  public static void main(String[] args) throws Exception {
    File trust = new File(args[0]);
    for (int i = 1; i < args.length; i++) {
      String[] nameAndTarget = args[i].split("=", 2);
      String[] target = nameAndTarget[1].split(":");
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(target[1]))
          .overrideAuthority(target[0] + ":" + target[1])
          .sslContext(GrpcSslContexts.forClient().trustManager(trust).build())
          .build();
      String outcome;
      try {
        ClientCalls.blockingUnaryCall(channel, CALL, CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS), new byte[0]);
        outcome = "ok";
      } catch (StatusRuntimeException e) {
        outcome = e.getStatus().getCode() + " " + e.getMessage() + diagnoses(e);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      System.out.println(nameAndTarget[0] + ": " + outcome.replace('\n', ' '));
    }
  }

  private static String diagnoses(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (String.valueOf(s.getMessage()).startsWith("handshake-doctor:")) {
          out.append(" | ").append(s.getMessage());
        }
      }
    }
    return out.toString();
  }
}
