package io.handshakedoctor.external;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The forked application of {@link NettyTcnativeClientIT}: a Netty 4.2 client on netty-tcnative's
 * BoringSSL ({@code SslProvider.OPENSSL}, host name verification on, as Netty 4.2 defaults) that
 * shakes hands with each {@code name=host:port[:protocol]} argument and prints one line each:
 * {@code name: ok} or {@code name: failed <exception>}. Test only.
 */
public final class NettyTcnativeConnect {
  private NettyTcnativeConnect() {}

  public static void main(String[] args) throws Exception {
    if (!OpenSsl.isAvailable()) {
      System.out.println("BoringSSL unavailable: " + OpenSsl.unavailabilityCause());
      System.exit(2);
    }
    File trust = new File(args[0]);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      HandshakeAttempts.each(args, (host, port, protocol) -> {
        SslContextBuilder builder =
            SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trust).endpointIdentificationAlgorithm("HTTPS");
        if (protocol != null) {
          builder.protocols(protocol);
        }
        return handshake(group, builder.build(), host, port);
      });
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static String handshake(EventLoopGroup group, SslContext context, String host, int port) throws InterruptedException {
    SslHandler[] handler = new SslHandler[1];
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            handler[0] = context.newHandler(ch.alloc(), host, port);
            ch.pipeline().addLast(handler[0]);
          }
        });
    Channel channel = b.connect("127.0.0.1", port).sync().channel();
    try {
      Future<Channel> done = handler[0].handshakeFuture().await();
      return done.isSuccess() ? "ok" : HandshakeAttempts.failed(done.cause());
    } finally {
      channel.close().sync();
    }
  }
}
