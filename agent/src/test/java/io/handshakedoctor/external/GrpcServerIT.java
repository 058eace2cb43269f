package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gRPC 1.85 server on grpc-netty-shaded's defaults (relocated Netty and BoringSSL) requiring a client
 * certificate, under the agent, facing clients that each get one thing wrong, on JDK 17 and 25: one forked
 * server per JDK; {@code openssl s_client} clients (offering ALPN h2, as gRPC clients do) and a plain-text
 * HTTP/2 client run one after the other, and each one's events are the server events written while it ran.
 */
class GrpcServerIT {
  private static final String LIBRARY = "gRPC 1.85 server (grpc-netty-shaded)";
  private static final String PLAINTEXT = "plaintext_client";

  /** s_client's options (files from the test PKI) and the cause of the server's one event (null: none). */
  private static final List<String[]> CASES = Arrays.asList(
      new String[] {"control", null, "-cert", "client.pem", "-key", "client.key"},
      new String[] {"no_client_certificate", "client_certificate_missing"},
      new String[] {"untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"},
      new String[] {"tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"},
      new String[] {PLAINTEXT, "non_tls_peer"});

  @Test
  void eachBadClientGetsOneEventWithItsCause() throws Exception {
    Processes.requireTools(false);
    ExternalPki pki = ExternalPki.shared();
    Path dir = Files.createTempDirectory("hd-grpc-server");
    Path noInput = Files.createFile(dir.resolve("empty-stdin"));
    List<String> failures = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      ForkedJvm jvm = new ForkedJvm(dir, "grpc-server-" + jdk);
      int port = Processes.freePort();
      List<String> command = jvm.command(jdk, GrpcServe.class.getName(), Arrays.asList(
          String.valueOf(port), pki.file("app.fullchain.pem").toString(), pki.file("app.key").toString(), pki.file("client-ca.pem").toString()));
      command.set(command.indexOf("-cp") + 1, GrpcClientIT.grpcClassPath());
      Process server = Processes.start(command, jvm.dir, "jvm");
      try {
        Processes.awaitText(jvm.stdoutFile(), "listening", server, Duration.ofSeconds(60), "gRPC server on " + jdk);
        for (String[] c : CASES) {
          int before = jvm.events().size();
          if (PLAINTEXT.equals(c[0])) {
            plainTextHttp2(port);
          } else {
            List<String> client = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", ExternalPki.APP_HOST, "-alpn", "h2"));
            for (int i = 2; i < c.length; i++) {
              client.add(c[i].endsWith(".pem") || c[i].endsWith(".key") ? pki.file(c[i]).toString() : c[i]);
            }
            Processes.run(client, jvm.dir, "s_client-" + c[0], noInput, Duration.ofSeconds(20));
          }
          List<Map<String, Object>> events = ServerEvents.since(jvm, before, c[1] == null ? 1500 : 10_000);
          String expected = c[1] == null ? "none" : c[1];
          String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
          CompatibilityLog.record(NettyTcnativeClientIT.ENGINE, LIBRARY, String.valueOf(jdk.feature()), c[0], expected, actual,
              events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
          boolean right = c[1] == null ? events.isEmpty()
              : events.size() == 1 && "server".equals(events.get(0).get("handshake_doctor.side")) && expected.equals(actual);
          if (!right) {
            failures.add(jdk + " " + c[0] + ": expected " + expected + ", got " + events);
          }
        }
      } finally {
        Processes.stop(server);
      }
      if (!failures.isEmpty()) {
        failures.add(jvm.describe());
      }
    }
    assertEquals(List.of(), failures);
  }

  /** A gRPC client configured without TLS ({@code usePlaintext()}): the HTTP/2 preface in clear, then wait for the close. */
  private static void plainTextHttp2(int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
      out.flush();
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // until the server closes
      }
    } catch (java.io.IOException closedOrReset) {
      // the server's answer to bytes that are not TLS
    }
  }
}
