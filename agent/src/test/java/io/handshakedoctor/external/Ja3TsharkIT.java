package io.handshakedoctor.external;

import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JA3 on a failure event equals Debian tshark's {@code tls.handshake.ja3} for the same
 * connection: a client JVM under the agent (JDK 17 and 25) sends its ClientHello over loopback to a
 * server that reads it and hangs up; tshark captures the connection.
 */
class Ja3TsharkIT {
  private static final Path TSHARK = Paths.get("/usr/bin/tshark");

  static List<TestJdk> jdks() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void ja3OnTheFailureEventEqualsTsharks(TestJdk jdk) throws Exception {
    assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed (apt-get install tshark)");
    Path dir = Files.createTempDirectory("hd-ja3-" + jdk);
    Path pcap = dir.resolve("hello.pcap");
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Process capture = Processes.start(Arrays.asList(TSHARK.toString(), "-i", "lo", "-f", "tcp port " + server.getLocalPort(),
          "-w", pcap.toString()), dir, "tshark");
      try {
        Processes.awaitText(dir.resolve("tshark.err"), "Capturing on", capture, Duration.ofSeconds(30), "tshark");
        Thread.sleep(500);
        Thread hangUp = new Thread(() -> readHelloAndHangUp(server));
        hangUp.start();
        ForkedJvm jvm = new ForkedJvm(dir, "client");
        jvm.connect(jdk, new ArrayList<>(Arrays.asList("--client", "socket", "--timeout-ms", "5000",
            "--url", "https://" + APP_HOST + ":" + server.getLocalPort() + "/")), Duration.ofSeconds(60));
        hangUp.join(10_000);
        Thread.sleep(1000); // the capture writes its packets out
        List<Map<String, Object>> events = jvm.events();
        assertEquals(1, events.size(), jvm.describe());
        String ours = (String) events.get(0).get("tls.client.ja3");
        String ja4 = (String) events.get(0).get("handshake_doctor.client.ja4");
        capture.destroy();
        capture.waitFor(10, TimeUnit.SECONDS);
        String theirs = tsharkJa3(pcap, dir);
        assertNotNull(theirs, "tshark found no ClientHello\n" + jvm.describe());
        assertEquals(theirs, ours, jvm.describe());
        assertTrue(ja4 != null && ja4.startsWith("t13d"), "JA4 of a TLS 1.3 hello with SNI: " + ja4);
      } finally {
        Processes.stop(capture);
      }
    }
  }

  private static void readHelloAndHangUp(ServerSocket server) {
    try (Socket s = server.accept()) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(5);
      int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      in.readNBytes(length);
    } catch (Exception e) {
      // the client's failure is what the test reads
    }
  }

  private static String tsharkJa3(Path pcap, Path dir) throws Exception {
    List<String> command = Arrays.asList(TSHARK.toString(), "-r", pcap.toString(), "-Y", "tls.handshake.type == 1",
        "-T", "fields", "-e", "tls.handshake.ja3");
    assertEquals(0, Processes.run(command, dir, "tshark-read", null, Duration.ofSeconds(60)));
    String out = new String(Files.readAllBytes(dir.resolve("tshark-read.out")), StandardCharsets.US_ASCII).trim();
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }
}
