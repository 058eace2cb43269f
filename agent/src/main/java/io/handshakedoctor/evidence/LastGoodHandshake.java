package io.handshakedoctor.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * What a successful handshake with one peer looked like: the failure's view of the peer
 * inventory's latest {@link HealthyHandshake} of it, taken when the failure is assembled. Compared
 * with the failure to say what changed. Immutable.
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

  /** The view of {@code h} the diagnosis compares with; null when {@code h} is null. */
  public static LastGoodHandshake of(HealthyHandshake h) {
    if (h == null) {
      return null;
    }
    String host = h.peerHost() == null ? "?" : h.peerHost();
    String peer = h.peerPort() > 0 ? host + ":" + h.peerPort() : host;
    CertificateSummary leaf = h.peerChain().isEmpty() ? null : h.peerChain().get(0);
    return new LastGoodHandshake(peer, h.observedAt(), h.protocol(), h.cipherSuite(), leaf, h.disabledTlsAlgorithms());
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
