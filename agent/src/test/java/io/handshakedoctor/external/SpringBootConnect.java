package io.handshakedoctor.external;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientSsl;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The forked application of {@link SpringBootClientIT}: a Spring Boot 3 application (no web server) whose
 * {@code RestClient} comes from Boot's auto-configured {@code RestClient.Builder} with the trust root as an SSL
 * bundle ({@code spring.ssl.bundle.pem.*}, applied with {@code RestClientSsl}), as Boot's documentation shows.
 * Boot picks the request factory from the class path; it prints its choice as {@code request_factory: <class>},
 * then GETs {@code https://host:port/} for each {@code name=host:port} argument (after the trust root) and prints
 * one line each. Only the auto-configurations the client needs are imported, so the JVM starts fast. Test only.
 */
public final class SpringBootConnect {
  static final String REQUEST_FACTORY = "request_factory";
  private static final String BUNDLE = "peers";

  private SpringBootConnect() {}

  public static void main(String[] args) {
    SpringApplication app = SpringBootApps.application(Application.class, WebApplicationType.NONE, Map.of(
        "spring.ssl.bundle.pem." + BUNDLE + ".truststore.certificate", "file:" + args[0],
        "spring.http.client.connect-timeout", "5s",
        "spring.http.client.read-timeout", "10s"));
    try (ConfigurableApplicationContext context = app.run()) {
      System.out.println(REQUEST_FACTORY + ": "
          + context.getBean(ClientHttpRequestFactoryBuilder.class).build().getClass().getSimpleName());
      RestClient client = context.getBean(RestClient.Builder.class).apply(context.getBean(RestClientSsl.class).fromBundle(BUNDLE)).build();
      HandshakeAttempts.each(args, (host, port, option) -> {
        client.get().uri("https://" + host + ":" + port + "/").retrieve().toBodilessEntity();
        return "ok";
      });
    }
  }

  /** Boot's SSL bundles, its HTTP client settings and its {@code RestClient.Builder}: nothing else. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @ImportAutoConfiguration({SslAutoConfiguration.class, HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class})
  static class Application {}
}
