package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The healthy path through the listener (start, messages both ways, peer bytes, trust check,
 * finish) allocates nothing once warm, and a capture that goes back to the pool keeps nothing of
 * its handshake; a failing handshake still gets all of its evidence.
 */
class HealthyHandshakeAllocationTest {
  private static final int CONNECTIONS = 32; // in flight at once, reused round after round

  private final List<Throwable> failures = new ArrayList<>();
  private final Object[] transports = keys();
  private final List<io.handshakedoctor.inventory.Warning> warnings = new ArrayList<>();
  /** The peer inventory is on, as it is by default: each connection here is its own peer. */
  private final io.handshakedoctor.inventory.PeerInventory inventory =
      new io.handshakedoctor.inventory.PeerInventory(
          java.time.Duration.ofHours(1), 1000,
          new io.handshakedoctor.inventory.EarlyWarnings(java.time.Duration.ofDays(21)), warnings::add, () -> {});
  private final InternalErrorReporter rethrow = (w, e) -> {
    throw new AssertionError(w, e);
  };
  private final CapturingListener listener =
      new CapturingListener(10_000, 65536, (evidence, thrown, context) -> failures.add(thrown), rethrow,
          new HealthyHandshakeRecorder(new FakePeers(transports), inventory, rethrow));

  /** Peer i is host-i:443 over TLS 1.3; found by identity, as JSSE's fields are read, without allocating. */
  private static final class FakePeers implements PeerLocator {
    private final Object[] transports;
    private final String[] hosts;

    FakePeers(Object[] transports) {
      this.transports = transports;
      this.hosts = new String[transports.length];
      for (int i = 0; i < hosts.length; i++) {
        hosts[i] = "host-" + i;
      }
    }

    @Override
    public boolean read(Object transportContext, Peer into) {
      into.clear();
      for (int i = 0; i < transports.length; i++) {
        if (transports[i] == transportContext) {
          into.client = true;
          into.host = hosts[i];
          into.port = 443;
          into.protocol = "TLSv1.3";
          into.cipherSuite = "TLS_AES_128_GCM_SHA256";
          return true;
        }
      }
      return false;
    }
  }

  private final Object[] contexts = keys();
  private final Object[] outputs = keys();
  private final byte[] clientHello = message(1, 500);
  private final byte[] certificate = message(11, 1500);
  private final ByteBuffer serverHello = ByteBuffer.wrap(new byte[120]);
  private final ByteBuffer directBody = ByteBuffer.allocateDirect(200);
  private final ByteBuffer[] network = {ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 5})};
  private final Object chain = new Object();

  private static Object[] keys() {
    Object[] keys = new Object[CONNECTIONS];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Object();
    }
    return keys;
  }

  private static byte[] message(int type, int length) {
    byte[] m = new byte[length];
    m[0] = (byte) type;
    m[1] = (byte) ((length - 4) >>> 16);
    m[2] = (byte) ((length - 4) >>> 8);
    m[3] = (byte) (length - 4);
    return m;
  }

  /** One round: CONNECTIONS handshakes start, exchange messages (interleaved), and finish. */
  private void round() {
    for (int i = 0; i < CONNECTIONS; i++) {
      listener.handshakeStarted(contexts[i], transports[i], outputs[i]);
      listener.outboundHandshakeMessage(outputs[i], clientHello, clientHello.length);
    }
    for (int i = 0; i < CONNECTIONS; i++) {
      listener.engineUnwrapping(transports[i], network, 0, 1);
      listener.inboundHandshakeMessage(contexts[i], (byte) 2, serverHello);
      listener.inboundHandshakeMessage(contexts[i], (byte) 8, directBody);
      listener.outboundHandshakeMessage(outputs[i], certificate, certificate.length);
      listener.certificatesChecking(contexts[i], chain, true);
      listener.certificatesChecked(contexts[i], chain, null, true);
    }
    for (int i = 0; i < CONNECTIONS; i++) {
      listener.handshakeFinished(transports[i]);
    }
  }

  @Test
  void aWarmHealthyHandshakeAllocatesNothing() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) threads;
    assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
    long self = Thread.currentThread().getId();

    for (int i = 0; i < 200; i++) {
      round(); // warm: pool filled, table grown, code compiled
    }
    long before = bean.getThreadAllocatedBytes(self);
    int rounds = 500;
    for (int i = 0; i < rounds; i++) {
      round();
    }
    long allocated = bean.getThreadAllocatedBytes(self) - before;
    assertEquals(0, listener.inFlight());
    assertTrue(failures.isEmpty());
    assertEquals(CONNECTIONS, inventory.peers().size(), "every peer recorded once");
    long[] counted = {0};
    inventory.counts().forEach((client, protocol, suite, n) -> counted[0] += n);
    assertEquals(700L * CONNECTIONS, counted[0], "every handshake counted");
    // A single allocation per handshake would be at least 16 bytes x 16,000 handshakes.
    assertTrue(
        allocated < 4096,
        "healthy handshakes allocated " + allocated + " bytes for " + rounds * CONNECTIONS);
  }

  @Test
  void aPooledCaptureKeepsNothingOfItsHandshake() {
    CaptureRegistry registry = new CaptureRegistry(100, 65536);
    Object transport = new Object();
    Object context = new Object();
    Object output = new Object();
    HandshakeCapture capture = registry.start(transport, context, output);
    capture.addOutbound(output, clientHello, clientHello.length);
    capture.trustCheckStarted(chain, true);
    capture.samplePeerBytes(transport, network, 0, 1, 64);
    assertSame(capture, registry.end(transport));
    registry.recycle(capture);
    assertEquals(1, registry.pooled());

    assertNull(capture.transportContext());
    assertNull(capture.handshakeContext());
    assertNull(capture.handshakeOutput());
    assertEquals(0, capture.bytesKept());
    CaptureSnapshot empty = capture.snapshot();
    assertTrue(empty.messages.isEmpty());
    assertNull(empty.trustedChain);
    assertNull(empty.peerRawSample);

    Object next = new Object();
    assertSame(capture, registry.start(next, null, null)); // reused for the next connection
    assertSame(next, capture.transportContext());
    assertEquals(0, registry.pooled());
  }

  @Test
  void aLateHookOnARecycledCaptureIsIgnored() {
    CaptureRegistry registry = new CaptureRegistry(100, 65536);
    Object oldTransport = new Object();
    Object oldOutput = new Object();
    Object oldContext = new Object();
    HandshakeCapture capture = registry.start(oldTransport, oldContext, oldOutput);
    registry.end(oldTransport);
    registry.recycle(capture);
    Object newTransport = new Object();
    Object newContext = new Object();
    Object newOutput = new Object();
    assertSame(capture, registry.start(newTransport, newContext, newOutput));

    // Hooks of the old connection that found the capture before it was recycled:
    capture.addOutbound(oldOutput, clientHello, clientHello.length);
    capture.addInbound(oldContext, (byte) 2, serverHello);
    capture.samplePeerBytes(oldTransport, network, 0, 1, 64);
    CaptureSnapshot snapshot = capture.snapshot();
    assertTrue(snapshot.messages.isEmpty());
    assertNull(snapshot.peerRawSample);
  }

  @Test
  void aFailingHandshakeStillGetsEveryMessageAndSample() {
    CaptureRegistry registry = new CaptureRegistry(100, 65536);
    for (int warm = 0; warm < 3; warm++) {
      // Reuse a capture that held a bigger handshake first.
      Object t = new Object();
      Object o = new Object();
      HandshakeCapture c = registry.start(t, null, o);
      for (int i = 0; i < 10; i++) {
        c.addOutbound(o, certificate, certificate.length);
      }
      registry.end(t);
      registry.recycle(c);
    }
    Object transport = new Object();
    Object context = new Object();
    Object output = new Object();
    HandshakeCapture capture = registry.start(transport, context, output);
    capture.addOutbound(output, clientHello, clientHello.length);
    ByteBuffer body = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5});
    body.position(1);
    capture.addInbound(context, (byte) 2, body);
    directBody.clear();
    directBody.put(0, (byte) 42);
    capture.addInbound(context, (byte) 11, directBody);
    capture.samplePeerBytes(transport, network, 0, 1, 64);
    CaptureSnapshot snapshot = capture.snapshot();

    assertEquals(3, snapshot.messages.size());
    CapturedMessage hello = snapshot.messages.get(0);
    assertTrue(hello.isOutbound());
    assertEquals(1, hello.type());
    assertEquals(clientHello.length, hello.bytes().length);
    CapturedMessage serverHelloMessage = snapshot.messages.get(1);
    assertEquals(2, serverHelloMessage.type());
    assertEquals(8, serverHelloMessage.bytes().length);
    assertEquals(4, serverHelloMessage.bytes()[3]);
    assertEquals(8, serverHelloMessage.bytes()[4]); // from the body's position on
    assertEquals(1, body.position()); // the body is left as it was
    CapturedMessage direct = snapshot.messages.get(2);
    assertEquals(11, direct.type());
    assertEquals(42, direct.bytes()[4]);
    assertNotNull(snapshot.peerRawSample);
    assertEquals(5, snapshot.peerRawSample.length);
    assertEquals(22, snapshot.peerRawSample[0]);
  }
}
