package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The control of the TLS 1.3 client-certificate diagnosis made when the server's alert was not read
 * (docs/causes.md, client_certificate_missing): a JVM server that requires a client certificate
 * accepts this client's, answers, and resets the connection without close_notify. Each JDK client
 * path, under the agent, answered a CertificateRequest and then (socket and engine, which read to the
 * end) meets a reset; the server's records arrived after the handshake, so nothing is reported.
 */
class ClientCertificateAcceptedThenResetIT {
  private static final Pattern LISTENING = Pattern.compile("listening 127\\.0\\.0\\.1:(\\d+)");

  private static ExternalPki pki;
  private static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    pki = ExternalPki.shared();
    dir = Files.createTempDirectory("hd-accepted-then-reset");
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (String path : NginxClientIT.PATHS) {
        out.add(Arguments.of(jdk, path));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void noEventWhenTheServerAcceptedTheCertificateAndLaterResets(TestJdk jdk, String path) throws Exception {
    ForkedJvm server = new ForkedJvm(dir, "serve-" + jdk + "-" + path);
    Process serve = server.serve(jdk, List.of("--port", "0", "--keystore", pki.file("server.pem").toString(),
        "--truststore", pki.file("client-ca.pem").toString(), "--need-client-auth", "--engine", "--reset-after-response",
        "--accept", "1", "--timeout-ms", "5000", "--max-seconds", "60"));
    try {
      Processes.awaitText(server.stdoutFile(), "listening 127.0.0.1:", serve, Duration.ofSeconds(30), "Serve");
      Matcher listening = LISTENING.matcher(server.stdout());
      assertTrue(listening.find(), server::describe);
      ForkedJvm client = new ForkedJvm(dir, "connect-" + jdk + "-" + path);
      String line = client.connect(jdk, List.of("--client", path, "--truststore", pki.file("root.pem").toString(),
          "--keystore", pki.file("client.p12").toString(), "--timeout-ms", "5000",
          "--url", "https://" + ExternalPki.APP_HOST + ":" + listening.group(1) + "/"), Duration.ofSeconds(60));
      Processes.awaitText(server.stdoutFile(), "connection 1 from", serve, Duration.ofSeconds(15), "Serve");
      String context = "client: " + line + "\n" + client.describe() + "\n--- server\n" + server.describe();
      assertTrue(server.stdout().contains(": ok"), "the server accepted the client certificate and answered\n" + context);
      if (path.equals("socket") || path.equals("engine")) {
        // These read to the end of the stream: the control is a real I/O failure after the answer.
        assertTrue(line.contains("failed java.net.SocketException: Connection reset"), "the client met the reset\n" + context);
      }
      List<Map<String, Object>> events = client.events();
      assertEquals(List.of(), events, "no client event for a connection whose server answered\n" + context);
    } finally {
      Processes.stop(serve);
    }
  }
}
