package io.handshakedoctor.reliability;

import io.handshakedoctor.samples.TestPki;
import io.handshakedoctor.samples.Tls;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Forked-JVM main: an internet-facing TLS server takes a scan from {@code args[0]} distinct
 * loopback addresses (127.x.y.z; Linux routes all of 127/8 to lo), a third each sending a TLS
 * 1.0-only ClientHello, plain HTTP and random bytes, while this JVM's own client calls a server
 * whose certificate expired, once, half-way through. Then a healthy client connects. Prints
 * key=value lines: failures seen by the server and the client, the agent's own count (JMX), when
 * the expired call failed, whether the healthy client connected, and the heap before and after.
 */
public final class ScanHarness {
  static final String HOST = "app.handshake-doctor.test";

  public static void main(String[] args) throws Exception {
    int addresses = Integer.parseInt(args[0]);
    TestPki pki = TestPki.shared();
    TestPki.Credential leaf = pki.leaf("CN=" + HOST).dnsNames(HOST).ecKey("scan", "secp256r1").build();
    TestPki.Credential expired = pki.leaf("CN=" + HOST).dnsNames(HOST).ecKey("scan", "secp256r1")
        .validBetween(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(30))).build();
    SSLContext trusting = Tls.clientTrusting(pki.rootCa().certificate());
    AtomicLong serverFailures = new AtomicLong();
    AtomicLong serverSuccesses = new AtomicLong();
    SSLServerSocket server = serve(Tls.serverContext(leaf), serverFailures, serverSuccesses);
    SSLServerSocket expiredServer = serve(Tls.serverContext(expired), serverFailures, serverSuccesses);

    // Warm up: the first failures load the diagnosis rules; the heap is measured after them.
    for (int i = 0; i < 200; i++) {
      probe(server.getLocalPort(), 1_000_000 + i);
    }
    long heapWarm = StormHarness.usedHeapAfterGc(ManagementFactory.getMemoryMXBean());
    long start = System.nanoTime();

    ExecutorService scanners = Executors.newFixedThreadPool(8);
    long clientFailures = 0;
    long expiredAt = -1;
    for (int i = 0; i < addresses; i++) {
      int n = i;
      scanners.execute(() -> probe(server.getLocalPort(), n));
      if (i == addresses / 2) {
        try (SSLSocket own = (SSLSocket) trusting.getSocketFactory().createSocket(HOST, expiredServer.getLocalPort())) {
          own.startHandshake();
        } catch (Exception expected) {
          clientFailures++;
          expiredAt = System.currentTimeMillis();
        }
      }
    }
    scanners.shutdown();
    scanners.awaitTermination(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    // Let the server's handshake threads finish what the scanners started.
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (serverFailures.get() + serverSuccesses.get() < addresses + 200 + 1 && System.nanoTime() < settle) {
      Thread.sleep(50);
    }
    boolean healthy;
    try (SSLSocket ok = (SSLSocket) trusting.getSocketFactory().createSocket(HOST, server.getLocalPort())) {
      ok.startHandshake();
      healthy = true;
    } catch (Exception e) {
      e.printStackTrace();
      healthy = false;
    }
    long heapEnd = StormHarness.usedHeapAfterGc(ManagementFactory.getMemoryMXBean());
    System.out.println("scan.seconds=" + Math.round(seconds));
    System.out.println("failures.server=" + serverFailures.get());
    System.out.println("failures.client=" + clientFailures);
    System.out.println("expired.at=" + expiredAt);
    System.out.println("healthy=" + healthy);
    System.out.println("heap.warm=" + heapWarm);
    System.out.println("heap.end=" + heapEnd);
    Object counted = ManagementFactory.getPlatformMBeanServer()
        .getAttribute(new ObjectName("io.handshakedoctor:type=HandshakeDoctor"), "Failures");
    System.out.println("agent.failures=" + counted);
    System.out.flush();
    System.exit(0);
  }

  /** A server that handshakes every connection on its own thread and counts the outcomes. */
  private static SSLServerSocket serve(SSLContext context, AtomicLong failures, AtomicLong successes) throws Exception {
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 512, InetAddress.getByName("127.0.0.1"));
    ExecutorService handlers = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "scan-server");
      t.setDaemon(true);
      return t;
    });
    Thread acceptor = new Thread(() -> {
      while (true) {
        try {
          SSLSocket s = (SSLSocket) server.accept();
          handlers.execute(() -> {
            try (SSLSocket socket = s) {
              socket.setSoTimeout(10_000);
              socket.startHandshake();
              successes.incrementAndGet();
            } catch (Exception e) {
              failures.incrementAndGet();
            }
          });
        } catch (Exception e) {
          return;
        }
      }
    }, "scan-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** Connects from 127.x.y.z (distinct per n) and sends what a scanner sends, then waits for the close. */
  static void probe(int port, int n) {
    int z = 1 + n % 250;
    int y = (n / 250) % 250 + 1;
    int x = (n / 62500) % 250 + 1;
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, (byte) x, (byte) y, (byte) z}), 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      switch (n % 3) {
        case 0:
          out.write(TLS10_HELLO);
          break;
        case 1:
          out.write("GET / HTTP/1.1\r\nHost: scan\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          break;
        default:
          byte[] junk = new byte[64];
          new Random(n).nextBytes(junk);
          junk[0] = 0x00; // never a TLS or SSLv2 record header
          out.write(junk);
      }
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // drain the server's alert until it closes
      }
    } catch (Exception e) {
      // the server closing on us is the expected end
    }
  }

  /** A TLS 1.0 ClientHello offering only TLS_RSA_WITH_AES_128_CBC_SHA and _256_, no extensions. */
  static final byte[] TLS10_HELLO = tls10Hello();

  private static byte[] tls10Hello() {
    byte[] body = new byte[2 + 32 + 1 + 2 + 4 + 2];
    int i = 0;
    body[i++] = 3;
    body[i++] = 1; // client_version TLS 1.0
    for (int r = 0; r < 32; r++) {
      body[i++] = (byte) (r * 7 + 1);
    }
    body[i++] = 0; // session id
    body[i++] = 0;
    body[i++] = 4; // two suites
    body[i++] = 0x00;
    body[i++] = 0x2f;
    body[i++] = 0x00;
    body[i++] = 0x35;
    body[i++] = 1; // one compression method: null
    body[i] = 0;
    byte[] record = new byte[5 + 4 + body.length];
    record[0] = 0x16;
    record[1] = 3;
    record[2] = 1;
    int handshakeLength = 4 + body.length;
    record[3] = (byte) (handshakeLength >> 8);
    record[4] = (byte) handshakeLength;
    record[5] = 1; // client_hello
    record[6] = 0;
    record[7] = (byte) (body.length >> 8);
    record[8] = (byte) body.length;
    System.arraycopy(body, 0, record, 9, body.length);
    return record;
  }
}
