package io.handshakedoctor.external;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManagerFactory;

/**
 * The forked application of {@link BcJsseEngineClientIT}: requests through Netty 4.2's {@code
 * SslHandler} on BouncyCastle JSSE's {@code SSLEngine} ({@code SslProvider.JDK} with the BCJSSE
 * provider, installed as in {@link BcJsseConnect}: the way Netty users pick a JSSE provider),
 * trusting only the test root, host name checked during the handshake. A TLS 1.3 server's refusal
 * of the client's certificate arrives after the client's handshake, so each request waits for the
 * answer. Test only.
 */
public final class BcJsseNettyConnect {
  private BcJsseNettyConnect() {}

  public static void main(String[] args) throws Exception {
    Provider bcJsse = BcJsseConnect.installBouncyCastle();
    TrustManagerFactory trust = BcJsseConnect.trustingOnly(args[0]);
    HandshakeAttempts.each(args, (host, port, protocol) -> {
      request(bcJsse, trust, host, port, protocol);
      return "ok";
    });
  }

  /** Throws the failure the application would see (the handshake's, else the connection's). */
  private static void request(Provider bcJsse, TrustManagerFactory trust, String host, int port, String protocol) throws Exception {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .sslContextProvider(bcJsse)
        .trustManager(trust)
        .endpointIdentificationAlgorithm("HTTPS");
    if (protocol != null) {
      builder.protocols(protocol);
    }
    SslContext context = builder.build();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    SslHandler[] handler = new SslHandler[1];
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              handler[0] = context.newHandler(ch.alloc(), host, port);
              ch.pipeline().addLast(handler[0], new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ReferenceCountUtil.release(msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                  failure.compareAndSet(null, cause);
                  ctx.close();
                }
              });
            }
          })
          .connect("127.0.0.1", port).sync().channel();
      if (!handler[0].handshakeFuture().await(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no handshake outcome in 15 s");
      }
      if (!handler[0].handshakeFuture().isSuccess()) {
        throw asException(handler[0].handshakeFuture().cause());
      }
      channel.writeAndFlush(Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.US_ASCII));
      channel.closeFuture().await(10, TimeUnit.SECONDS);
      channel.close().sync();
      if (failure.get() != null) {
        throw asException(failure.get());
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception ? (Exception) t : new RuntimeException(t);
  }
}
