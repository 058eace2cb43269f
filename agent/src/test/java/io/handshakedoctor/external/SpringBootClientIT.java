package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Spring Boot 3.5 application's {@code RestClient} (Boot's auto-configured builder, the trust root as an SSL
 * bundle), under the agent, against {@code openssl s_server} peers that each get one thing wrong, on JDK 17 and 25.
 * With spring-boot-starter-web and nothing else on the class path (no Apache HttpClient, Jetty or Reactor Netty),
 * Boot's request factory is the JDK's {@code HttpClient}: SunJSSE's {@code SSLEngine} under it.
 */
class SpringBootClientIT extends EngineClientHarness {
  static final String LIBRARY = "Spring Boot 3.5 RestClient (JDK HttpClient request factory)";
  private static final List<EngineScenario> SCENARIOS = new ArrayList<>(EngineScenario.SERVER_FAULTS);

  static {
    SCENARIOS.add(EngineScenario.CLIENT_CERTIFICATE_REQUIRED);
  }

  SpringBootClientIT() {
    super("SunJSSE", LIBRARY, SCENARIOS, SpringBootConnect.class, SpringBootClientIT::springBootClassPath);
    // The JDK's HttpClient retries a GET once when the connection fails after a handshake it took for complete
    // (TLS 1.3: the server's certificate_required arrives after the client's Finished; s_server logs two
    // handshakes): two real handshakes, each with its own event, as NginxClientIT allows for HttpClient.
    reconnects();
  }

  /** Spring Boot's, Spring's and Tomcat's jars (spring-boot-starter-web without its logging and JSON starters) and the test classes. */
  static String springBootClassPath() {
    return EngineClassPath.fromTestClassPath(e -> e.contains("/org/springframework/") || e.contains("/org/apache/tomcat/")
        || e.contains("/io/micrometer/") || e.contains("/jakarta/annotation/") || e.contains("/org/yaml/"));
  }

  Stream<TestJdk> jdks() {
    return TestJdk.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void bootPicksTheJdkHttpClientWhenNoOtherClientIsOnTheClassPath(TestJdk jdk) {
    assertEquals(SpringBootConnect.REQUEST_FACTORY + ": JdkClientHttpRequestFactory", forkedLine(jdk, SpringBootConnect.REQUEST_FACTORY));
  }
}
