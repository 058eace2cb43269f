package io.handshakedoctor.peers;

import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.LastGoodHandshake;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-peer memory records each peer at most once per interval and stays within its capacity. */
class PeerMemoryTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void aPeerIsDueOncePerInterval() {
    PeerMemory memory = new PeerMemory(8, MINUTE);
    assertTrue(memory.due(42, 0));
    assertFalse(memory.due(42, MINUTE - 1));
    assertTrue(memory.due(42, MINUTE));
    assertTrue(memory.due(43, MINUTE), "another peer has its own interval");
  }

  @Test
  void theOldestPeerIsForgottenWhenFull() {
    PeerMemory memory = new PeerMemory(2, MINUTE);
    memory.remember(good("a:443"));
    memory.remember(good("b:443"));
    memory.remember(good("c:443"));
    assertEquals(2, memory.size());
    assertNull(memory.lastGood("a:443"));
    assertNotNull(memory.lastGood("c:443"));
  }

  @Test
  void serversAreKeyedByHostAndPortClientsByHostAlone() {
    assertEquals("api.example.com:443", PeerMemory.key(true, "api.example.com", 443));
    assertEquals("10.0.0.5", PeerMemory.key(false, "10.0.0.5", 51234));
  }

  private static LastGoodHandshake good(String peer) {
    return new LastGoodHandshake(peer, Instant.EPOCH, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null, null);
  }
}
