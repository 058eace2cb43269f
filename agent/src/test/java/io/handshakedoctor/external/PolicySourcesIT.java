package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local policy set where users set it (an override file given with -Djava.security.properties, a
 * -D option on the command line, https.protocols) narrows a JVM client against {@code openssl
 * s_server -tls1_2}: the diagnosis names the property, where it was set, and fixes it there, on
 * JDK 17 and 25. The server is outside the JVM so the client's policy is the only one in play.
 */
class PolicySourcesIT {
  /** The JDK's default list plus TLSv1.2, as hardened images write it. */
  private static final String HARDENED =
      "SSLv3, TLSv1, TLSv1.1, TLSv1.2, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL";

  private static Path dir;
  private static Path overrideFile;
  private static Process server;
  private static int port;

  @BeforeAll
  static void startTls12OnlyServer() throws Exception {
    Processes.requireTools(false);
    ExternalPki pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-policy-sources");
    overrideFile = dir.resolve("hardened.security");
    Files.write(overrideFile, ("jdk.tls.disabledAlgorithms=" + HARDENED + "\n").getBytes(StandardCharsets.ISO_8859_1));
    port = Processes.freePort();
    server = Processes.start(Arrays.asList(Processes.openssl(), "s_server", "-accept", "127.0.0.1:" + port, "-tls1_2",
        "-cert", pki.file("app.pem").toString(), "-cert_chain", pki.file("intermediate.pem").toString(),
        "-key", pki.file("app.key").toString(), "-www"), dir, "s_server");
    Processes.awaitText(dir.resolve("s_server.out"), "ACCEPT", server, Duration.ofSeconds(10), "openssl s_server -tls1_2");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      Processes.stop(server);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      out.add(Arguments.of(jdk, "override_file", "socket"));
      out.add(Arguments.of(jdk, "override_file", "http-client"));
      out.add(Arguments.of(jdk, "client_protocols_option", "socket"));
      out.add(Arguments.of(jdk, "https_protocols_option", "https-url-connection"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} over {2}")
  @MethodSource("cases")
  void diagnosisNamesThePolicySourceAndWhereItWasSet(TestJdk jdk, String source, String path) throws Exception {
    List<String> jvmArgs;
    String cause;
    List<String> fixMentions;
    switch (source) {
      case "override_file":
        jvmArgs = List.of("-Djava.security.properties=" + overrideFile);
        cause = "protocol_disabled_by_local_policy";
        fixMentions = List.of("jdk.tls.disabledAlgorithms", overrideFile.toString(), "-Djava.security.properties");
        break;
      case "client_protocols_option":
        jvmArgs = List.of("-Djdk.tls.client.protocols=TLSv1.3");
        cause = "no_common_protocol_version";
        fixMentions = List.of("-Djdk.tls.client.protocols option on the java command line");
        break;
      default:
        jvmArgs = List.of("-Dhttps.protocols=TLSv1.3");
        cause = "no_common_protocol_version";
        fixMentions = List.of("-Dhttps.protocols option on the java command line");
    }
    ForkedJvm jvm = new ForkedJvm(dir, "connect-" + jdk + "-" + source + "-" + path);
    String stdout = jvm.connect(jdk, jvmArgs, Arrays.asList("--client", path,
        "--truststore", ExternalPki.shared().file("root.pem").toString(), "--timeout-ms", "5000",
        "--url", "https://" + APP_HOST + ":" + port + "/"), Duration.ofSeconds(120));
    String context = source + " on " + jdk + " " + path + "\n" + jvm.describe();
    assertTrue(stdout.contains(": failed "), context);
    List<Map<String, Object>> events = jvm.events();
    assertFalse(events.isEmpty(), context);
    for (Map<String, Object> event : events) {
      assertEquals(cause, event.get("handshake_doctor.cause"), context);
      String fix = String.valueOf(event.get("handshake_doctor.fix"));
      for (String mention : fixMentions) {
        assertTrue(fix.contains(mention), "fix must say " + mention + ": " + fix + "\n" + context);
      }
      assertFalse(fix.contains("-Djdk.tls.client.protocols=TLSv1.3,TLSv1.2"), "a fix that cannot work: " + fix);
    }
  }
}
