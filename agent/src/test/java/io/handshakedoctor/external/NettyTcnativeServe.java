package io.handshakedoctor.external;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;

/**
 * The forked application of {@link NettyTcnativeServerIT}: a Netty 4.2 server on netty-tcnative's
 * BoringSSL that requires a client certificate from the given CA. Arguments: port, certificate
 * chain, key, client CA. Prints {@code listening} once bound, then serves until killed. Test only.
 */
public final class NettyTcnativeServe {
  private NettyTcnativeServe() {}

  public static void main(String[] args) throws Exception {
    SslContext context = SslContextBuilder.forServer(new File(args[1]), new File(args[2]))
        .sslProvider(SslProvider.OPENSSL)
        .trustManager(new File(args[3]))
        .clientAuth(ClientAuth.REQUIRE)
        .build();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(context.newHandler(ch.alloc()));
          }
        })
        .bind("127.0.0.1", Integer.parseInt(args[0])).sync();
    System.out.println("listening");
    System.out.flush();
  }
}
