package io.handshakedoctor.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * What a successful handshake with one peer looked like: the last one this JVM recorded for it
 * (at most one per peer per interval). Compared with a failure to say what changed. Immutable.
 */
public final class LastGoodHandshake {
  private final String peer;
  private final Instant at;
  private final String protocol;
  private final String cipherSuite;
  private final CertificateSummary leaf;
  private final String disabledTlsAlgorithms;

  /**
   * @param peer the peer key ({@code host:port} of a server, the host of a client)
   * @param at when the handshake completed
   * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
   * @param cipherSuite the negotiated suite
   * @param leaf the peer's leaf certificate; null when it presented none
   * @param disabledTlsAlgorithms {@code jdk.tls.disabledAlgorithms} in force then
   */
  public LastGoodHandshake(String peer, Instant at, String protocol, String cipherSuite, CertificateSummary leaf,
      String disabledTlsAlgorithms) {
    this.peer = Objects.requireNonNull(peer, "peer");
    this.at = Objects.requireNonNull(at, "at");
    this.protocol = protocol;
    this.cipherSuite = cipherSuite;
    this.leaf = leaf;
    this.disabledTlsAlgorithms = disabledTlsAlgorithms;
  }

  public String peer() {
    return peer;
  }

  public Instant at() {
    return at;
  }

  public String protocol() {
    return protocol;
  }

  public String cipherSuite() {
    return cipherSuite;
  }

  /** The peer's leaf certificate then; null when it presented none (a client without a certificate). */
  public CertificateSummary leaf() {
    return leaf;
  }

  public String disabledTlsAlgorithms() {
    return disabledTlsAlgorithms;
  }
}
