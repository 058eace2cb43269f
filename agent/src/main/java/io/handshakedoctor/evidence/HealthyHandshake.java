package io.handshakedoctor.evidence;

import java.time.Instant;
import java.util.List;

/**
 * What one successful handshake showed about its peer, taken at most once per peer per interval
 * (docs/early-warnings.md): what was negotiated, the chain the peer presented, the trust anchor it
 * chained to in this JVM, this JVM's own chain, the ClientHello's fingerprints, and the local
 * {@code jdk.tls.disabledAlgorithms} then. Kept by the peer inventory; a later failure with the
 * same peer is compared with it ("what changed", {@link LastGoodHandshake}).
 */
public final class HealthyHandshake {
  private final Side side;
  private final String peerHost;
  private final int peerPort;
  private final String serverName;
  private final String protocol;
  private final String cipherSuite;
  private final List<CertificateSummary> peerChain;
  private final List<CertificateSummary> localChain;
  private final CertificateSummary trustAnchor;
  private final boolean chainCompletedFromTrustStore;
  private final String distrustPolicy;
  private final String ja3;
  private final String ja4;
  private final String disabledTlsAlgorithms;
  private final Instant observedAt;

  private HealthyHandshake(Builder b) {
    this.side = b.side;
    this.peerHost = b.peerHost;
    this.peerPort = b.peerPort;
    this.serverName = b.serverName;
    this.protocol = b.protocol;
    this.cipherSuite = b.cipherSuite;
    this.peerChain = Lists.copy(b.peerChain);
    this.localChain = Lists.copy(b.localChain);
    this.trustAnchor = b.trustAnchor;
    this.chainCompletedFromTrustStore = b.chainCompletedFromTrustStore;
    this.distrustPolicy = b.distrustPolicy;
    this.ja3 = b.ja3;
    this.ja4 = b.ja4;
    this.disabledTlsAlgorithms = b.disabledTlsAlgorithms;
    this.observedAt = b.observedAt;
  }

  public static Builder builder(Side side, String peerHost, int peerPort) {
    return new Builder(side, peerHost, peerPort);
  }

  public Side side() {
    return side;
  }

  /** Client side: the host connected to; server side: {@code null} (clients are counted, not named). */
  public String peerHost() {
    return peerHost;
  }

  /** Client side: the peer's port; server side: this JVM's listening port, -1 when unknown. */
  public int peerPort() {
    return peerPort;
  }

  /** The SNI host name the ClientHello carried; null when none. */
  public String serverName() {
    return serverName;
  }

  /** {@code TLSv1.3}, {@code TLSv1.2}, ... */
  public String protocol() {
    return protocol;
  }

  public String cipherSuite() {
    return cipherSuite;
  }

  /** The chain the peer presented, leaf first (empty when it presented none). */
  public List<CertificateSummary> peerChain() {
    return peerChain;
  }

  /** The chain this JVM presented, leaf first (empty when none). */
  public List<CertificateSummary> localChain() {
    return localChain;
  }

  /** The certificate of this JVM's trust store the peer chain ends at; null when not found. */
  public CertificateSummary trustAnchor() {
    return trustAnchor;
  }

  /** The peer's chain stops short of a self-signed root and this JVM's store supplied the rest. */
  public boolean chainCompletedFromTrustStore() {
    return chainCompletedFromTrustStore;
  }

  /** The {@code jdk.security.caDistrustPolicies} entry the anchor falls under; null when none. */
  public String distrustPolicy() {
    return distrustPolicy;
  }

  public String ja3() {
    return ja3;
  }

  public String ja4() {
    return ja4;
  }

  /** {@code jdk.tls.disabledAlgorithms} in force when this record was made; null when not read. */
  public String disabledTlsAlgorithms() {
    return disabledTlsAlgorithms;
  }

  public Instant observedAt() {
    return observedAt;
  }

  public static final class Builder {
    private final Side side;
    private final String peerHost;
    private final int peerPort;
    private String serverName;
    private String protocol;
    private String cipherSuite;
    private List<CertificateSummary> peerChain;
    private List<CertificateSummary> localChain;
    private CertificateSummary trustAnchor;
    private boolean chainCompletedFromTrustStore;
    private String distrustPolicy;
    private String ja3;
    private String ja4;
    private String disabledTlsAlgorithms;
    private Instant observedAt = Instant.now();

    private Builder(Side side, String peerHost, int peerPort) {
      this.side = side;
      this.peerHost = peerHost;
      this.peerPort = peerPort;
    }

    public Builder serverName(String v) {
      serverName = v;
      return this;
    }

    public Builder negotiated(String protocol, String cipherSuite) {
      this.protocol = protocol;
      this.cipherSuite = cipherSuite;
      return this;
    }

    public Builder peerChain(List<CertificateSummary> v) {
      peerChain = v;
      return this;
    }

    public Builder localChain(List<CertificateSummary> v) {
      localChain = v;
      return this;
    }

    public Builder trustAnchor(CertificateSummary anchor, boolean completedFromTrustStore, String distrustPolicy) {
      this.trustAnchor = anchor;
      this.chainCompletedFromTrustStore = completedFromTrustStore;
      this.distrustPolicy = distrustPolicy;
      return this;
    }

    public Builder fingerprints(String ja3, String ja4) {
      this.ja3 = ja3;
      this.ja4 = ja4;
      return this;
    }

    public Builder disabledTlsAlgorithms(String v) {
      disabledTlsAlgorithms = v;
      return this;
    }

    public Builder observedAt(Instant v) {
      observedAt = v;
      return this;
    }

    public HealthyHandshake build() {
      return new HealthyHandshake(this);
    }
  }
}
