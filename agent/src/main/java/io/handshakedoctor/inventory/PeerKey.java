package io.handshakedoctor.inventory;

import java.util.Objects;

/**
 * A peer in the table: client side the host and port connected to, server side this JVM's port.
 * The table looks peers up with a per-thread probe key that is overwritten each time, so a lookup
 * allocates nothing; stored keys are copies that never change.
 */
final class PeerKey {
  private boolean client;
  private String host;
  private int port;
  private int hash;

  PeerKey set(boolean isClient, String peerHost, int peerPort) {
    this.client = isClient;
    this.host = peerHost;
    this.port = peerPort;
    this.hash = ((peerHost == null ? 0 : peerHost.hashCode()) * 31 + peerPort) * 2 + (isClient ? 1 : 0);
    return this;
  }

  PeerKey copy() {
    return new PeerKey().set(client, host, port);
  }

  boolean client() {
    return client;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PeerKey)) {
      return false;
    }
    PeerKey k = (PeerKey) o;
    return client == k.client && port == k.port && Objects.equals(host, k.host);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
