package io.handshakedoctor.external;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The forked application of {@link SpringBootServerIT}: a Spring Boot 3 web application on its default embedded
 * server (Tomcat, from spring-boot-starter-web) with TLS set the Spring Boot way ({@code server.ssl.*}: PEM
 * certificate chain and key, the client CA as trust, {@code client-auth=need}) and one controller. Arguments:
 * port, certificate chain, key, client CA. Prints {@code listening} once Tomcat is bound, then serves until killed.
 * Only the auto-configurations a servlet application needs are imported, so the JVM starts fast. Test only.
 */
public final class SpringBootServe {
  private SpringBootServe() {}

  public static void main(String[] args) {
    SpringApplication app = SpringBootApps.application(Application.class, WebApplicationType.SERVLET, Map.of(
        "server.address", "127.0.0.1",
        "server.port", args[0],
        "server.ssl.certificate", "file:" + args[1],
        "server.ssl.certificate-private-key", "file:" + args[2],
        "server.ssl.trust-certificate", "file:" + args[3],
        "server.ssl.client-auth", "need"));
    app.run();
    System.out.println("listening");
    System.out.flush();
  }

  /** Tomcat and Spring MVC's {@code DispatcherServlet}: nothing else. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
  @Import(Hello.class)
  static class Application {}

  @RestController
  static class Hello {
    @GetMapping("/")
    String hello() {
      return "hello\n";
    }
  }
}
