package io.handshakedoctor.external;

import io.netty.handler.ssl.SslProvider;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.io.File;
import java.time.Duration;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

/**
 * The forked application of {@link ReactorNettyIT}'s client cases: a Reactor Netty 1.3 {@code HttpClient} as
 * its users write it ({@code secure()} with an {@code Http11SslContextSpec}, host name verification on, as
 * Reactor Netty defaults) making one GET per {@code name=provider:host:port} argument ({@code provider} is
 * Netty's {@code SslProvider}: {@code JDK} or {@code OPENSSL}). Names resolve through the JDK (so the
 * test's hosts file applies). Prints {@code name: ok} or {@code name: failed <what block() threw>} with the
 * agent's diagnoses found on it or its causes. Test only.
 */
public final class ReactorNettyConnect {
  private ReactorNettyConnect() {}

  public static void main(String[] args) {
    File trust = new File(args[0]);
    for (int i = 1; i < args.length; i++) {
      String[] nameAndTarget = args[i].split("=", 2);
      String[] target = nameAndTarget[1].split(":");
      SslProvider provider = SslProvider.valueOf(target[0]);
      HttpClient client = HttpClient.create()
          .resolver(DefaultAddressResolverGroup.INSTANCE)
          .secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
              .configure(builder -> builder.sslProvider(provider).trustManager(trust))));
      String outcome;
      try {
        client.get().uri("https://" + target[1] + ":" + target[2] + "/")
            .responseContent().aggregate().asString()
            .block(Duration.ofSeconds(10));
        outcome = "ok";
      } catch (RuntimeException e) {
        outcome = "failed " + e + AgentDiagnoses.on(e);
      }
      System.out.println(nameAndTarget[0] + ": " + outcome.replace('\n', ' '));
    }
  }
}
