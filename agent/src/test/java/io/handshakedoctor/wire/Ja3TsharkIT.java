package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * JA3 of the ClientHello this JVM really sends over loopback equals what Debian's tshark computes
 * from a capture of the same connection ({@code tls.handshake.ja3}).
 */
class Ja3TsharkIT {
  private static final Path TSHARK = Paths.get("/usr/bin/tshark");

  @Test
  void ja3OfATls13HelloWithSniAndAlpnEqualsTsharks() throws Exception {
    assertSameAsTshark(new String[] {"TLSv1.3", "TLSv1.2"}, "h2", "http/1.1");
  }

  @Test
  void ja3OfATls12OnlyHelloWithoutAlpnEqualsTsharks() throws Exception {
    assertSameAsTshark(new String[] {"TLSv1.2"});
  }

  private static void assertSameAsTshark(String[] protocols, String... alpn) throws Exception {
    assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
    Path dir = Files.createTempDirectory("ja3");
    Path pcap = dir.resolve("hello.pcap");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process capture =
          new ProcessBuilder(
                  TSHARK.toString(), "-i", "lo", "-f", "tcp port " + server.getLocalPort(), "-w", pcap.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("capture.log").toFile())
              .start();
      try {
        awaitCapturing(dir.resolve("capture.log"));
        Thread client = new Thread(() -> sendHello(server.getLocalPort(), protocols, alpn));
        client.start();
        byte[] body;
        try (Socket accepted = server.accept()) {
          body = readClientHelloBody(accepted.getInputStream());
        }
        client.join(10_000);
        String ours = ClientHelloFingerprints.of(body).ja3();
        Thread.sleep(1000); // let the capture write the packets out
        capture.destroy();
        capture.waitFor(10, TimeUnit.SECONDS);
        String theirs = tsharkJa3(pcap);
        assertNotNull(theirs);
        assertEquals(theirs, ours, "tshark's JA3 for " + Arrays.toString(protocols));
      } finally {
        capture.destroyForcibly();
      }
    }
  }

  private static void awaitCapturing(Path log) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
        Thread.sleep(300);
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("tshark did not start capturing: " + Files.readString(log));
  }

  private static void sendHello(int port, String[] protocols, String[] alpn) {
    try (SSLSocket socket =
        (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
      SSLParameters p = socket.getSSLParameters();
      p.setProtocols(protocols);
      p.setServerNames(List.of(new SNIHostName("ja3.example.com")));
      if (alpn.length > 0) {
        p.setApplicationProtocols(alpn);
      }
      socket.setSSLParameters(p);
      socket.setSoTimeout(5000);
      socket.startHandshake();
    } catch (IOException | java.security.GeneralSecurityException expected) {
      // the server closes after the hello: the handshake fails, the hello was sent
    }
  }

  private static byte[] readClientHelloBody(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] header = new byte[5];
    in.readFully(header);
    byte[] fragment = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
    in.readFully(fragment);
    int length = ((fragment[1] & 0xff) << 16) | ((fragment[2] & 0xff) << 8) | (fragment[3] & 0xff);
    return Arrays.copyOfRange(fragment, 4, 4 + length);
  }

  private static String tsharkJa3(Path pcap) throws Exception {
    Process read =
        new ProcessBuilder(
                TSHARK.toString(), "-r", pcap.toString(), "-Y", "tls.handshake.type == 1",
                "-T", "fields", "-e", "tls.handshake.ja3")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(read.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    read.waitFor(30, TimeUnit.SECONDS);
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }
}
