package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaptureRegistryTest {

  @Test
  void aCaptureIsFoundByEachOfItsKeysAndForgottenWhenItEnds() {
    CaptureRegistry registry = new CaptureRegistry(10, 1024);
    Object transport = new Object();
    Object handshake = new Object();
    Object output = new Object();
    HandshakeCapture capture = registry.start(transport, handshake, output);
    assertSame(capture, registry.find(transport));
    assertSame(capture, registry.find(handshake));
    assertSame(capture, registry.find(output));
    assertSame(capture, registry.end(transport));
    assertNull(registry.find(handshake));
    assertNull(registry.find(output));
    assertTrue(registry.isEmpty());
  }

  @Test
  void aRenegotiationReplacesTheOldHandshakeKeys() {
    CaptureRegistry registry = new CaptureRegistry(10, 1024);
    Object transport = new Object();
    Object first = new Object();
    Object second = new Object();
    registry.start(transport, first, null);
    registry.start(transport, second, null);
    assertNull(registry.find(first));
    assertNotNull(registry.find(second));
  }

  @Test
  void beyondTheInFlightCapNewHandshakesGoUntracked() {
    CaptureRegistry registry = new CaptureRegistry(2, 1024);
    assertNotNull(registry.start(new Object(), null, null));
    assertNotNull(registry.start(new Object(), null, null));
    assertNull(registry.start(new Object(), null, null));
  }

  @Test
  void atTheCapAbandonedHandshakesAreSweptToMakeRoomWithAllTheirKeys() throws InterruptedException {
    CaptureRegistry registry = new CaptureRegistry(2, 1024, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1));
    Object stalledHandshake = new Object();
    Object stalledOutput = new Object();
    registry.start(new Object(), stalledHandshake, stalledOutput);
    registry.start(new Object(), null, null);
    Thread.sleep(20); // both are now older than the abandonment age
    Object fresh = new Object();
    assertNotNull(registry.start(fresh, null, null));
    assertEquals(1, registry.inFlight());
    assertNull(registry.find(stalledHandshake));
    assertNull(registry.find(stalledOutput));
    assertNotNull(registry.find(fresh));
  }

  @Test
  void atTheCapLiveHandshakesAreKept() {
    CaptureRegistry registry = new CaptureRegistry(2, 1024);
    Object first = new Object();
    registry.start(first, null, null);
    registry.start(new Object(), null, null);
    assertNull(registry.start(new Object(), null, null));
    assertNotNull(registry.find(first));
    assertEquals(2, registry.inFlight());
  }

  @Test
  void aRetiredCaptureCanBeRevivedOnceByItsConnection() {
    CaptureRegistry registry = new CaptureRegistry(10, 1024);
    Object transport = new Object();
    HandshakeCapture capture = registry.start(transport, null, null);
    registry.end(transport);
    registry.retire(transport, capture);
    assertSame(capture, registry.revive(transport));
    registry.end(transport);
    assertNull(registry.revive(transport));
  }

  @Test
  void aCaptureKeepsNoMoreThanItsByteBudget() {
    HandshakeCapture capture = new HandshakeCapture(new Object(), 100);
    Object output = new Object();
    capture.attach(null, output);
    capture.addOutbound(output, new byte[80], 80);
    capture.addOutbound(output, new byte[80], 80);
    CaptureSnapshot snapshot = capture.snapshot();
    assertTrue(snapshot.bytesDropped);
    assertTrue(snapshot.messages.size() == 1);
  }
}
