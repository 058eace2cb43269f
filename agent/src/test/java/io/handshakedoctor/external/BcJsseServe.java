package io.handshakedoctor.external;

import io.handshakedoctor.samples.external.Serve;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The forked application of {@link BcJsseServerIT}: two servers on BouncyCastle JSSE 1.83 (installed
 * as in {@link BcJsseConnect}) that require a client certificate from the client CA: an
 * {@code SSLServerSocket} and a Netty 4.2 server whose {@code SslHandler} runs BC's {@code SSLEngine}
 * ({@code SslProvider.JDK} with the BCJSSE provider). Arguments: socket port, engine port, server
 * chain (PEM), its key (PKCS#8 PEM), client CA (PEM). Prints {@code listening}, then one line per
 * connection, {@code <kind> connection: ok} or {@code <kind> connection: failed <exception>}, and
 * serves until killed. With a third port and the server's key and chain in one PEM, it also runs the
 * sample {@link Serve} with {@code --engine} (an {@code SSLEngine} driven by hand over a socket, as
 * servers without Netty do), which picks BC's {@code SSLContext} because BC is installed first; its
 * lines are {@code connection N from host:port: outcome}. Test only.
 */
public final class BcJsseServe {
  private static final String PASSWORD = "changeit";
  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private BcJsseServe() {}

  public static void main(String[] args) throws Exception {
    Provider bcJsse = BcJsseConnect.installBouncyCastle();
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(Paths.get(args[2]))) {
      chain = x509.generateCertificates(in).toArray(new Certificate[0]);
    }
    keys.setKeyEntry("server", privateKey(args[3]), PASSWORD.toCharArray(), chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(Paths.get(args[4]))) {
      trust.setCertificateEntry("client-ca", x509.generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);

    SSLContext context = SSLContext.getInstance("TLS", bcJsse);
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getByName("127.0.0.1"));
    server.setNeedClientAuth(true);
    Thread sockets = new Thread(() -> serveSockets(server), "bc-socket-server");
    sockets.setDaemon(true);
    sockets.start();

    SslContext engines = SslContextBuilder.forServer(kmf)
        .sslProvider(SslProvider.JDK)
        .sslContextProvider(bcJsse)
        .trustManager(tmf)
        .clientAuth(ClientAuth.REQUIRE)
        .build();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(engines.newHandler(ch.alloc()), new EngineConnection());
          }
        })
        .bind("127.0.0.1", Integer.parseInt(args[1])).sync();
    if (args.length > 6) {
      String[] serve = {"--port", args[5], "--keystore", args[6], "--truststore", args[4], "--need-client-auth", "--engine",
          "--accept", "1000", "--timeout-ms", "5000", "--max-seconds", "3600"};
      Thread handDriven = new Thread(() -> {
        try {
          Serve.main(serve);
        } catch (Exception e) {
          e.printStackTrace();
        }
      }, "sample-engine-server");
      handDriven.setDaemon(true);
      handDriven.start();
    }
    System.out.println("listening");
    System.out.flush();
  }

  private static void serveSockets(SSLServerSocket server) {
    while (true) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        String outcome;
        try {
          s.setSoTimeout(10_000);
          s.startHandshake();
          // A TLS 1.3 client's refusal of this server arrives after the server's handshake is done.
          if (s.getInputStream().read() >= 0) {
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          outcome = "ok";
        } catch (Exception e) {
          outcome = HandshakeAttempts.failed(e);
        }
        report("socket", outcome);
      } catch (Exception e) {
        report("socket", "accept failed " + e);
      }
    }
  }

  private static synchronized void report(String kind, String outcome) {
    System.out.println(kind + " connection " + CONNECTIONS.incrementAndGet() + ": " + outcome);
    System.out.flush();
  }

  private static PrivateKey privateKey(String pemFile) throws Exception {
    String pem = new String(Files.readAllBytes(Paths.get(pemFile)), StandardCharsets.US_ASCII)
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  /** Reports the handshake's outcome, answers once and closes. */
  private static final class EngineConnection extends ChannelInboundHandlerAdapter {
    private boolean reported;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent) {
        SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) event;
        if (!done.isSuccess()) {
          once(HandshakeAttempts.failed(done.cause()));
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
      once("ok");
      ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.0 200 OK\r\n\r\n", StandardCharsets.US_ASCII))
          .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      once("ok"); // the client left after a complete handshake without a request
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      once(HandshakeAttempts.failed(cause));
      ctx.close();
    }

    private void once(String outcome) {
      if (!reported) {
        reported = true;
        report("engine", outcome);
      }
    }
  }
}
