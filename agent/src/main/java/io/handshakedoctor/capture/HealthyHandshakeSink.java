package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.HealthyHandshake;

/** Where successful handshakes go: counted on every one, recorded at most once per peer per refresh. */
public interface HealthyHandshakeSink {
  /**
   * Called for every successful handshake, on the handshake's thread: must not allocate nor block.
   * Returns true when this peer is due for a {@link #record} (the caller then makes one), and
   * claims it, so concurrent handshakes to the same peer make one record between them.
   *
   * @param host client side: the host connected to; server side: null
   * @param port client side: the peer's port; server side: this JVM's port (-1 when unknown)
   */
  boolean due(boolean client, String host, int port, String protocol, String cipherSuite);

  /** The record of a peer that was {@link #due}: summarised, evaluated and kept. */
  void record(HealthyHandshake handshake);
}
