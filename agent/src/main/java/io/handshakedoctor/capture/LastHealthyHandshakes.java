package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.HealthyHandshake;

/**
 * Where a failure's evidence finds the last successful handshake with the same peer, so the
 * diagnosis can say what changed since (implemented by the peer inventory, the one per-peer
 * memory; docs/design.md). Read on the failure path only.
 */
public interface LastHealthyHandshakes {
  /**
   * The latest record of the peer, keyed as the inventory keys it (client side: host and port
   * connected to; server side: null host and this JVM's port); null when none is kept.
   */
  HealthyHandshake lastHealthy(boolean client, String host, int port);
}
