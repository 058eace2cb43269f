package io.handshakedoctor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer is recorded once per interval, the table is bounded, every handshake is counted. */
class PeerInventoryTest {
  private final List<Warning> warnings = new ArrayList<>();

  private PeerInventory inventory(Duration interval, int maxPeers) {
    return new PeerInventory(interval, maxPeers, new EarlyWarnings(Duration.ofDays(21)), warnings::add, () -> {});
  }

  @Test
  void aPeerIsDueOnceWithinTheIntervalAndItsWarningsComeOnce() {
    PeerInventory peers = inventory(Duration.ofHours(1), 10);
    assertTrue(peers.due(true, "api.example.com", 443, "TLSv1.3", "TLS_AES_128_GCM_SHA256"));
    peers.record(EarlyWarningsTest.healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", EarlyWarningsTest.leaf(5)).build());
    for (int i = 0; i < 5; i++) {
      assertFalse(peers.due(true, "api.example.com", 443, "TLSv1.3", "TLS_AES_128_GCM_SHA256"));
    }
    assertEquals(1, warnings.size());
    assertEquals(WarningKind.CERTIFICATE_EXPIRING, warnings.get(0).kind());
    assertEquals(6, peers.peers().get(0).handshakes());
    assertTrue(peers.due(true, "api.example.com", 8443, "TLSv1.3", "TLS_AES_128_GCM_SHA256"), "another port is another peer");
  }

  @Test
  void aPeerIsDueAgainAfterTheInterval() throws Exception {
    PeerInventory peers = inventory(Duration.ofMillis(1), 10);
    assertTrue(peers.due(true, "h", 1, "TLSv1.3", "S"));
    peers.record(EarlyWarningsTest.healthy("TLSv1.3", "S", EarlyWarningsTest.leaf(200)).build());
    Thread.sleep(5);
    assertTrue(peers.due(true, "h", 1, "TLSv1.3", "S"));
  }

  @Test
  void beyondMaxPeersNewPeersAreCountedButNotRecorded() {
    PeerInventory peers = inventory(Duration.ofHours(1), 2);
    assertTrue(peers.due(true, "a", 1, "TLSv1.3", "S"));
    assertTrue(peers.due(true, "b", 1, "TLSv1.3", "S"));
    assertFalse(peers.due(true, "c", 1, "TLSv1.2", "S"));
    assertEquals(1, peers.untracked());
    List<String> counts = new ArrayList<>();
    peers.counts().forEach((client, p, s, n) -> counts.add(p + " " + s + " " + n));
    counts.sort(null);
    assertEquals(List.of("TLSv1.2 S 1", "TLSv1.3 S 2"), counts);
  }

  @Test
  void secondsLeftIsTheEarliestExpiryOfChainAnchorAndOwnCertificates() {
    PeerInventory peers = inventory(Duration.ofHours(1), 10);
    peers.due(true, "api.example.com", 443, "TLSv1.3", "S");
    peers.record(EarlyWarningsTest.healthy("TLSv1.3", "S", EarlyWarningsTest.leaf(5)).build());
    Instant at = EarlyWarningsTest.NOW.plusSeconds(100);
    assertEquals(5 * 86400 - 100, PeerInventory.secondsLeft(peers.peers().get(0), at));
  }

  @Test
  void theLatestRecordIsWhatAFailureComparesWithAndWarningsStillComeOncePerInterval() {
    PeerInventory peers = inventory(Duration.ofHours(1), 10);
    assertEquals(null, peers.lastHealthy(true, "api.example.com", 443));
    peers.due(true, "api.example.com", 443, "TLSv1.3", "S");
    peers.record(EarlyWarningsTest.healthy("TLSv1.3", "S", EarlyWarningsTest.leaf(5)).disabledTlsAlgorithms("SSLv3, RC4").build());
    int first = warnings.size();
    // a refresh within the interval (claimed by hand here): the latest state moves, no warning repeats
    peers.record(EarlyWarningsTest.healthy("TLSv1.2", "S", EarlyWarningsTest.leaf(5)).disabledTlsAlgorithms("SSLv3").build());
    assertEquals(first, warnings.size());
    io.handshakedoctor.evidence.LastGoodHandshake then =
        io.handshakedoctor.evidence.LastGoodHandshake.of(peers.lastHealthy(true, "api.example.com", 443));
    assertEquals("TLSv1.2", then.protocol());
    assertEquals("SSLv3", then.disabledTlsAlgorithms());
    assertEquals("api.example.com:443", then.peer());
    assertTrue(then.leaf() != null);
    assertEquals(null, peers.lastHealthy(true, "api.example.com", 8443));
  }
}
