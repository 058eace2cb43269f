package io.handshakedoctor.external;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/**
 * The forked application of {@link ReactorNettyIT}'s server cases: one Reactor Netty 1.3 {@code HttpServer}
 * per {@code provider=port} argument (Netty's {@code SslProvider}: {@code JDK} or {@code OPENSSL}), each
 * requiring a client certificate from the given CA. First arguments: certificate chain, key, client CA.
 * Prints {@code listening} once all are bound, then serves until killed. Test only.
 */
public final class ReactorNettyServe {
  private ReactorNettyServe() {}

  public static void main(String[] args) {
    File chain = new File(args[0]);
    File key = new File(args[1]);
    File clientCa = new File(args[2]);
    List<DisposableServer> servers = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] providerAndPort = args[i].split("=", 2);
      SslProvider provider = SslProvider.valueOf(providerAndPort[0]);
      servers.add(HttpServer.create()
          .host("127.0.0.1")
          .port(Integer.parseInt(providerAndPort[1]))
          .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(chain, key)
              .configure(builder -> builder.sslProvider(provider).trustManager(clientCa).clientAuth(ClientAuth.REQUIRE))))
          .handle((request, response) -> response.sendString(Mono.just("ok")))
          .bindNow());
    }
    System.out.println("listening");
    System.out.flush();
    // Reactor Netty's event loops are daemon threads: main keeps the JVM up until it is killed.
    servers.get(0).onDispose().block();
  }
}
