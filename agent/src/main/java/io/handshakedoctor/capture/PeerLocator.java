package io.handshakedoctor.capture;

/**
 * Reads, without allocating, who a finished handshake was with and what it negotiated. An engine's
 * reader in the agent (SunJSSE's is {@link io.handshakedoctor.capture.jsse.JssePeerLocator}); a fake
 * in tests, whose connections are plain objects.
 */
public interface PeerLocator {
  /** Reads the connection behind {@code transportContext}; false when it cannot be read. */
  boolean read(Object transportContext, Peer into);

  /**
   * The trust manager that judged {@code peer}'s chain, asked only when the peer is due for a
   * record (never per handshake); null when unknown.
   */
  default Object trustManager(Peer peer) {
    return null;
  }

  /** The facts of one connection, in a per-thread holder that is reused (nothing allocated). */
  final class Peer {
    boolean client;
    String host;
    int port;
    String protocol;
    String cipherSuite;
    /** The connection's SSLSession, for the record (read only when the peer is due). */
    Object session;
    /** Where the engine keeps its trust manager (SunJSSE: the SSLContext), for {@link #trustManager}. */
    Object trustSource;

    /** Fills the holder (for readers in the engines' packages). */
    public void set(
        boolean client, String host, int port, String protocol, String cipherSuite, Object session, Object trustSource) {
      this.client = client;
      this.host = host;
      this.port = port;
      this.protocol = protocol;
      this.cipherSuite = cipherSuite;
      this.session = session;
      this.trustSource = trustSource;
    }

    public Object trustSource() {
      return trustSource;
    }

    void clear() {
      set(false, null, -1, null, null, null, null);
    }
  }
}
