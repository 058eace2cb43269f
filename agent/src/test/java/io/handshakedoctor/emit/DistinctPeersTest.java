package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctPeersTest {
  @Test
  void exactUpToTheLimitCountingRepeatsOnce() {
    DistinctPeers peers = new DistinctPeers();
    for (int i = 0; i < DistinctPeers.EXACT_LIMIT * 3; i++) {
      peers.add("10.0.0." + (i % DistinctPeers.EXACT_LIMIT));
    }
    assertEquals(DistinctPeers.EXACT_LIMIT, peers.count());
    assertFalse(peers.estimated());
  }

  @Test
  void beyondTheLimitAnEstimateWithinAFewPercent() {
    for (int n : new int[] {1_000, 10_000, 1_000_000}) {
      DistinctPeers peers = new DistinctPeers();
      for (int i = 0; i < n; i++) {
        peers.add("127." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        peers.add("127." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
      }
      assertTrue(peers.estimated());
      double error = Math.abs(peers.count() - n) / (double) n;
      assertTrue(error < 0.1, n + " addresses estimated as " + peers.count());
    }
  }
}
