package io.handshakedoctor.reliability;

import io.handshakedoctor.samples.TestPki;
import io.handshakedoctor.samples.Tls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Forked-JVM main (run with or without the agent): hostile clients against a JSSE server, both
 * an SSLSocket server over loopback and an in-memory server SSLEngine fed the same bytes. The
 * peers send an oversized ClientHello (within and beyond JSSE's handshake-message limit), endless
 * one-byte handshake fragments, garbage after a valid hello, a hello and then silence, and close
 * in the middle of a record or of a hello; {@code STALLED} more connections send a hello and go
 * silent, to fill the agent's in-flight table. While the stalled ones are still open, and again at
 * the end, the agent's counters are printed; then a healthy handshake must still work. Prints
 * key=value lines: each peer's outcome (the exception's class, or "stalled"), the counters, and
 * "healthy=ok".
 */
public final class HostilePeerHarness {
  static final int STALLED = Integer.getInteger("hostile.stalled", 40);
  /** JSSE's default jdk.tls.maxHandshakeMessageSize. */
  private static final int JSSE_MAX_HANDSHAKE_MESSAGE = 32768;

  private final SSLContext server;
  private final byte[] hello;
  private final Map<String, String> outcomes = new ConcurrentHashMap<>();

  private HostilePeerHarness(SSLContext server, byte[] hello) {
    this.server = server;
    this.hello = hello;
  }

  public static void main(String[] args) throws Exception {
    TestPki pki = TestPki.shared();
    TestPki.Credential leaf =
        pki.leaf("CN=hostile.test").dnsNames("hostile.test").ecKey("hostile", "secp256r1").build();
    SSLContext server = Tls.serverContext(leaf);
    SSLContext client = Tls.clientTrusting(pki.rootCa().certificate());
    HostilePeerHarness harness = new HostilePeerHarness(server, clientHelloRecord(client));
    harness.run(client);
  }

  /** What each hostile peer sends, and whether it then stays silent with the connection open. */
  private Map<String, byte[]> streams() {
    Map<String, byte[]> s = new LinkedHashMap<>();
    s.put("oversized-hello", records(withPadding(handshakeMessage(hello), 30_000)));
    s.put("hello-beyond-jsse-limit", records(withPadding(handshakeMessage(hello), JSSE_MAX_HANDSHAKE_MESSAGE + 1000)));
    s.put("endless-fragments", endlessFragments(3000));
    byte[] garbage = new byte[4000];
    new Random(7).nextBytes(garbage);
    s.put("garbage-after-hello", concat(hello, garbage));
    s.put("hello-then-silence", hello);
    s.put("close-mid-record", java.util.Arrays.copyOf(hello, 3));
    s.put("close-mid-hello", java.util.Arrays.copyOf(hello, hello.length / 2));
    String only = System.getProperty("hostile.only"); // to look at one peer alone
    if (only != null) {
      s.keySet().retainAll(java.util.Set.of(only.split(",")));
    }
    return s;
  }

  private static boolean staysOpen(String name, String outcome) {
    return outcome.equals("stalled") && !name.startsWith("close-");
  }

  private void run(SSLContext client) throws Exception {
    List<Socket> open = new ArrayList<>();
    List<Thread> serverThreads = new ArrayList<>();
    List<SSLEngine> stalledEngines = new ArrayList<>();
    Map<String, byte[]> streams = streams();

    for (Map.Entry<String, byte[]> e : streams.entrySet()) {
      String name = e.getKey();
      // Engine server: the same bytes, fed as a network would deliver them.
      SSLEngine engine = serverEngine();
      String engineOutcome = feed(engine, e.getValue());
      if (name.startsWith("close-") && engineOutcome.equals("stalled")) {
        engineOutcome = closeInbound(engine); // the transport ended mid-record
      }
      outcomes.put("engine." + name, engineOutcome);
      if (staysOpen(name, engineOutcome)) {
        stalledEngines.add(engine);
      }
      // Socket server: one listening socket per peer.
      SocketPeer peer = socketPeer("socket." + name, e.getValue(), !name.startsWith("close-"));
      serverThreads.add(peer.serverThread);
      if (peer.client != null) {
        open.add(peer.client);
      } else {
        peer.serverThread.join(TimeUnit.SECONDS.toMillis(20));
      }
    }
    for (int i = 0; i < STALLED; i++) {
      SocketPeer peer = socketPeer("stalled." + i, hello, true);
      serverThreads.add(peer.serverThread);
      open.add(peer.client);
    }
    Thread.sleep(1500); // the servers have read what there is to read and wait for more
    System.out.println("phase=stalled");
    AgentProbe.print();

    for (Socket s : open) {
      s.close();
    }
    for (SSLEngine engine : stalledEngines) {
      try {
        engine.closeInbound(); // the transport ended without a close_notify
      } catch (javax.net.ssl.SSLException expected) {
        // "Inbound closed before receiving peer's close_notify"
      }
    }
    for (Thread t : serverThreads) {
      t.join(TimeUnit.SECONDS.toMillis(20));
    }
    outcomes.entrySet().stream()
        .filter(o -> !o.getKey().startsWith("stalled."))
        .sorted(Map.Entry.comparingByKey())
        .forEach(o -> System.out.println("outcome." + o.getKey() + "=" + o.getValue()));
    long stalledFailed =
        outcomes.entrySet().stream().filter(o -> o.getKey().startsWith("stalled.") && !o.getValue().equals("ok")).count();
    System.out.println("stalled.failed=" + stalledFailed);

    System.out.println("healthy=" + healthyHandshake(client));
    System.out.println("phase=end");
    AgentProbe.print();
  }

  private static String closeInbound(SSLEngine engine) {
    try {
      engine.closeInbound();
      return "closed";
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  private SSLEngine serverEngine() {
    SSLEngine engine = server.createSSLEngine();
    engine.setUseClientMode(false);
    return engine;
  }

  /** Feeds the bytes in network-sized reads; the outcome is the exception's class or "stalled". */
  private static String feed(SSLEngine engine, byte[] bytes) {
    ByteBuffer in = ByteBuffer.allocate(bytes.length + 16);
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    int offset = 0;
    try {
      while (true) {
        if (offset < bytes.length) {
          int n = Math.min(1500, bytes.length - offset); // one segment at a time
          in.put(bytes, offset, n);
          offset += n;
        }
        in.flip();
        SSLEngineResult r;
        boolean progressed = false;
        do {
          r = engine.unwrap(in, app);
          app.clear();
          progressed |= r.bytesConsumed() > 0;
          while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            engine.getDelegatedTask().run();
          }
          while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            net.clear();
            engine.wrap(ByteBuffer.allocate(0), net); // the server's flight, never delivered
          }
        } while (r.getStatus() == SSLEngineResult.Status.OK && in.hasRemaining() && r.bytesConsumed() > 0);
        in.compact();
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
          return "closed";
        }
        if (offset >= bytes.length && !progressed) {
          return "stalled";
        }
      }
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  private static final class SocketPeer {
    final Thread serverThread;
    final Socket client; // null when the peer already closed

    SocketPeer(Thread serverThread, Socket client) {
      this.serverThread = serverThread;
      this.client = client;
    }
  }

  private SocketPeer socketPeer(String name, byte[] bytes, boolean keepOpen) throws Exception {
    SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CountDownLatch accepted = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              try (SSLServerSocket l = listener;
                  SSLSocket s = (SSLSocket) l.accept()) {
                accepted.countDown();
                s.startHandshake();
                outcomes.put(name, "ok");
              } catch (Exception e) {
                outcomes.put(name, e.getClass().getSimpleName());
              }
            },
            "server " + name);
    t.setDaemon(true);
    t.start();
    Socket c = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    accepted.await(10, TimeUnit.SECONDS);
    OutputStream out = c.getOutputStream();
    try {
      for (int i = 0; i < bytes.length; i += 1500) {
        out.write(bytes, i, Math.min(1500, bytes.length - i));
      }
      out.flush();
    } catch (IOException serverAlreadyGaveUp) {
      // a server that failed fast may reset the connection while the rest is in flight
    }
    if (keepOpen) {
      return new SocketPeer(t, c);
    }
    c.close();
    return new SocketPeer(t, null);
  }

  private String healthyHandshake(SSLContext client) throws Exception {
    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.startHandshake();
                  s.getOutputStream().write(1);
                } catch (IOException e) {
                  outcomes.put("healthy.server", e.toString());
                }
              });
      t.start();
      try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName("hostile.test")));
        s.setSSLParameters(p);
        s.startHandshake();
        int b = s.getInputStream().read();
        t.join(10_000);
        return b == 1 ? "ok" : "read " + b;
      }
    }
  }

  /** A real ClientHello record from the JDK's own client engine. */
  private static byte[] clientHelloRecord(SSLContext client) throws Exception {
    SSLEngine engine = client.createSSLEngine("hostile.test", 443);
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] record = new byte[out.remaining()];
    out.get(record);
    closeInbound(engine); // done with it: a well-behaved engine user closes what it abandons
    return record;
  }

  /** The handshake message inside a single-record ClientHello. */
  private static byte[] handshakeMessage(byte[] record) {
    return java.util.Arrays.copyOfRange(record, 5, record.length);
  }

  /** The ClientHello with an unknown extension of {@code targetLength - length} bytes appended. */
  private static byte[] withPadding(byte[] message, int targetLength) {
    int body = 4;
    int p = body + 2 + 32;
    p += 1 + (message[p] & 0xff); // session id
    p += 2 + (((message[p] & 0xff) << 8) | (message[p + 1] & 0xff)); // cipher suites
    p += 1 + (message[p] & 0xff); // compression methods
    int extensionsLengthAt = p;
    int extensionsLength = ((message[p] & 0xff) << 8) | (message[p + 1] & 0xff);
    int padding = Math.max(0, targetLength - message.length - 4);
    int newExtensionsLength = extensionsLength + 4 + padding;
    if (newExtensionsLength > 0xffff) {
      // Extensions cannot exceed 64 KiB: the rest goes into the session id-free tail as a second
      // extension would; one extension up to 65,531 bytes is enough for the sizes used here.
      throw new IllegalArgumentException("padding too large");
    }
    byte[] out = new byte[message.length + 4 + padding];
    System.arraycopy(message, 0, out, 0, message.length);
    int at = message.length;
    out[at] = (byte) 0xfd; // unassigned extension type 0xfde8: a server must ignore it
    out[at + 1] = (byte) 0xe8;
    out[at + 2] = (byte) (padding >> 8);
    out[at + 3] = (byte) padding;
    out[extensionsLengthAt] = (byte) (newExtensionsLength >> 8);
    out[extensionsLengthAt + 1] = (byte) newExtensionsLength;
    int bodyLength = out.length - 4;
    out[1] = (byte) (bodyLength >> 16);
    out[2] = (byte) (bodyLength >> 8);
    out[3] = (byte) bodyLength;
    return out;
  }

  /** A handshake message split into records of at most 16 KiB. */
  private static byte[] records(byte[] message) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < message.length; i += 16384) {
      int n = Math.min(16384, message.length - i);
      out.write(22);
      out.write(3);
      out.write(1);
      out.write(n >> 8);
      out.write(n);
      out.write(message, i, n);
    }
    return out.toByteArray();
  }

  /** A ClientHello header announcing 30,000 bytes, then {@code count} one-byte fragments. */
  private static byte[] endlessFragments(int count) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] header = {1, 0, (byte) (30_000 >> 8), (byte) (30_000 & 0xff)};
    out.write(new byte[] {22, 3, 1, 0, 4}, 0, 5);
    out.write(header, 0, 4);
    for (int i = 0; i < count; i++) {
      out.write(new byte[] {22, 3, 1, 0, 1, (byte) i}, 0, 6);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
