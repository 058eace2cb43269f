package io.handshakedoctor.capture;

/**
 * Reads, without allocating, who a finished handshake was with and what it negotiated. A JSSE
 * reader in the agent; a fake in tests, whose connections are plain objects.
 */
interface PeerLocator {
  /** Reads the connection behind {@code transportContext}; false when it cannot be read. */
  boolean read(Object transportContext, Peer into);

  /** The facts of one connection, in a per-thread holder that is reused (nothing allocated). */
  final class Peer {
    boolean client;
    String host;
    int port;
    String protocol;
    String cipherSuite;
    /** The connection's SSLSession, for the record (read only when the peer is due). */
    Object session;
    Object sslContext;

    void clear() {
      client = false;
      host = null;
      port = -1;
      protocol = null;
      cipherSuite = null;
      session = null;
      sslContext = null;
    }
  }
}
