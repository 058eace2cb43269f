package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.compatibility.EventCaptures;
import io.handshakedoctor.testsupport.TestJdk;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Servers on BouncyCastle JSSE 1.83 requiring a client certificate ({@link BcJsseServe}: an
 * {@code SSLServerSocket}, Netty's {@code SslHandler} on BC's {@code SSLEngine}, and BC's
 * {@code SSLEngine} driven by hand over a socket by the sample {@code Serve}), under the
 * agent, facing {@code openssl s_client} clients that each get one thing wrong, a plain-text HTTP
 * client (SSLServerSocket only: Netty refuses non-TLS bytes before any engine sees them) and a JDK
 * client that does not trust the server, on JDK 17 and 25: one forked server JVM
 * per JDK serves both kinds; the clients run one after the other and each one's events are the
 * server events written while it ran, its line the server's next line for that kind.
 */
class BcJsseServerIT {
  static final String ENGINE = "BouncyCastle JSSE 1.83";
  static final String SOCKET_LIBRARY = "SSLServerSocket";
  static final String ENGINE_LIBRARY = "Netty 4.2 server (SslHandler on BC's SSLEngine)";
  static final String HAND_DRIVEN_LIBRARY = "SSLEngine server (driven by hand)";
  /** Each server kind, the prefix of its lines, and its library in the compatibility table. */
  private static final Map<String, String[]> KINDS = new java.util.LinkedHashMap<>();

  static {
    KINDS.put("socket", new String[] {"socket connection ", SOCKET_LIBRARY});
    KINDS.put("engine", new String[] {"engine connection ", ENGINE_LIBRARY});
    KINDS.put("hand-driven engine", new String[] {"connection ", HAND_DRIVEN_LIBRARY});
  }

  /** A client: s_client's options (files from the test PKI), or {@code plain}/{@code jdk}; the server event's cause. */
  private static final List<String[]> CASES = Arrays.asList(
      new String[] {"control", null, "-cert", "client.pem", "-key", "client.key", "-ign_eof"},
      new String[] {"no_client_certificate_tls13", "client_certificate_missing"},
      new String[] {"no_client_certificate_tls12", "client_certificate_missing", "-tls1_2"},
      new String[] {"untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"},
      new String[] {"untrusted_client_certificate_tls12", "client_certificate_rejected", "-tls1_2", "-cert", "rogue.pem", "-key", "rogue.key"},
      new String[] {"tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"},
      new String[] {"client_rejects_server_certificate", "untrusted_unknown_ca",
          "-cert", "client.pem", "-key", "client.key", "-verify_return_error", "-CAfile", "rogue-ca.pem"},
      new String[] {"jdk_client_rejects_server_certificate", "untrusted_unknown_ca", "jdk"},
      new String[] {"plain_http_client", "non_tls_peer", "plain"});

  /** What the server event's summary must name, beyond its cause. */
  private static final Map<String, String> SUMMARY_NAMES = Map.of(
      "no_client_certificate_tls13", "Handshake Doctor External Client CA",
      "no_client_certificate_tls12", "Handshake Doctor External Client CA",
      "untrusted_client_certificate", "Rogue Client CA",
      "plain_http_client", "plain-text HTTP request (\"GET /");

  @Test
  void eachBadClientGetsOneServerEventWithItsCause() throws Exception {
    Processes.requireTools(false);
    ExternalPki pki = ExternalPki.shared();
    Path dir = Files.createTempDirectory("hd-bc-jsse-server");
    Path noInput = Files.createFile(dir.resolve("empty-stdin"));
    Path request = Files.write(dir.resolve("request"),
        ("GET / HTTP/1.1\r\nHost: " + ExternalPki.APP_HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    List<String> failures = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      ForkedJvm jvm = new ForkedJvm(dir, "bc-jsse-server-" + jdk);
      int socketPort = Processes.freePort();
      int enginePort = Processes.freePort();
      int handDrivenPort = Processes.freePort();
      List<String> command = jvm.command(jdk, classPath(), BcJsseServe.class, Arrays.asList(String.valueOf(socketPort), String.valueOf(enginePort),
          pki.file("app.fullchain.pem").toString(), pki.file("app.key").toString(), pki.file("client-ca.pem").toString(),
          String.valueOf(handDrivenPort), pki.file("server.pem").toString()));
      Process server = Processes.start(command, jvm.dir, "jvm");
      List<String> jvmFailures = new ArrayList<>();
      try {
        Processes.awaitText(jvm.stdoutFile(), "listening 127.0.0.1:" + handDrivenPort, server, Duration.ofSeconds(60), "BC JSSE servers on " + jdk);
        for (String kind : KINDS.keySet()) {
          int port = "socket".equals(kind) ? socketPort : "engine".equals(kind) ? enginePort : handDrivenPort;
          for (String[] c : CASES) {
            if ("engine".equals(kind) && c.length > 2 && "plain".equals(c[2])) {
              continue; // Netty's SslHandler refuses non-TLS bytes itself (NotSslRecordException): no engine sees them
            }
            int eventsBefore = jvm.events().size();
            int linesBefore = lines(jvm, kind).size();
            connect(pki, jvm, port, c, c[1] == null ? request : noInput);
            List<Map<String, Object>> events = awaitEvents(jvm, eventsBefore, c[1] == null ? 1500 : 10_000);
            List<String> lines = awaitLine(jvm, kind, linesBefore);
            String line = lines.size() > linesBefore ? lines.get(linesBefore) : "(no line)";
            String expected = c[1] == null ? "none" : c[1];
            String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
            CompatibilityLog.record(ENGINE, KINDS.get(kind)[1], String.valueOf(jdk.feature()),
                c[0], expected, actual, events.size() == 1 ? EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
            boolean right = c[1] == null
                ? events.isEmpty() && line.endsWith(" ok")
                : events.size() == 1 && "server".equals(events.get(0).get("handshake_doctor.side")) && expected.equals(actual)
                    && line.contains("handshake-doctor: " + expected)
                    && String.valueOf(events.get(0).get("handshake_doctor.summary")).contains(SUMMARY_NAMES.getOrDefault(c[0], ""));
            if (!right) {
              jvmFailures.add(jdk + " " + kind + " " + c[0] + ": expected " + expected + ", got " + events + "\n  line: " + line);
            }
          }
        }
      } finally {
        Processes.stop(server);
      }
      if (!jvmFailures.isEmpty()) {
        failures.addAll(jvmFailures);
        failures.add(jvm.describe());
      }
    }
    assertEquals(List.of(), failures);
  }

  /**
   * BC's and Netty's jars, the test classes, and the sample apps' classes (not their jar: its
   * manifest's Class-Path brings BouncyCastle 1.87, whose bcprov clashes with the signed 1.83 jars).
   */
  private static String classPath() {
    StringBuilder path = new StringBuilder(BcJsseEngineClientIT.classPath());
    Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> e.endsWith("sample-apps.jar"))
        .map(e -> java.nio.file.Paths.get(e).resolveSibling("classes"))
        .filter(Files::isDirectory)
        .forEach(p -> path.append(java.io.File.pathSeparator).append(p));
    return path.toString();
  }

  private static void connect(ExternalPki pki, ForkedJvm jvm, int port, String[] c, Path stdin) throws Exception {
    String mode = c.length > 2 ? c[2] : "";
    if ("plain".equals(mode)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + ExternalPki.APP_HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        s.getInputStream().read(new byte[256]); // the server's alert, or the end of the stream
      } catch (IOException expected) {
        // the server may reset
      }
    } else if ("jdk".equals(mode)) {
      jdkClientTrustingOnly(pki.file("client-ca.pem"), port);
    } else {
      List<String> client = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + port,
          "-servername", ExternalPki.APP_HOST));
      for (int i = 2; i < c.length; i++) {
        client.add(c[i].endsWith(".pem") || c[i].endsWith(".key") ? pki.file(c[i]).toString() : c[i]);
      }
      Processes.run(client, jvm.dir, "s_client-" + c[0], stdin, Duration.ofSeconds(20));
    }
  }

  /**
   * A SunJSSE client (this test JVM, not under the agent) that trusts only an unrelated CA: it
   * refuses the server's chain. Layered over a socket it closes itself after reading what the server
   * still sends: a client that closes at once with the server's flight unread resets the connection,
   * and BC's server, still writing that flight, may then fail on the reset before it reads the alert.
   */
  private static void jdkClientTrustingOnly(Path caFile, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = new FileInputStream(caFile.toFile())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
    context.init(null, tmf.getTrustManagers(), null);
    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(2000);
      try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, ExternalPki.APP_HOST, port, false)) {
        s.startHandshake();
      } catch (IOException expected) {
        // PKIX path building failed: the point of the case
      }
      try {
        while (plain.getInputStream().read(new byte[4096]) >= 0) {
          // the rest of the server's flight, until it closes
        }
      } catch (IOException ignored) {
        // closed or quiet
      }
    }
  }

  private static List<String> lines(ForkedJvm jvm, String kind) {
    List<String> out = new ArrayList<>();
    for (String l : jvm.stdout().split("\n")) {
      if (l.startsWith(KINDS.get(kind)[0])) {
        out.add(l);
      }
    }
    return out;
  }

  private static List<String> awaitLine(ForkedJvm jvm, String kind, int before) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    List<String> lines = lines(jvm, kind);
    while (lines.size() <= before && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      lines = lines(jvm, kind);
    }
    return lines;
  }

  /** The events written since {@code before}, once one arrived (or the wait ended) and a moment more for extras. */
  private static List<Map<String, Object>> awaitEvents(ForkedJvm jvm, int before, long waitMillis) throws Exception {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (jvm.events().size() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300);
    List<Map<String, Object>> all = jvm.events();
    return all.subList(before, all.size());
  }
}
