package io.handshakedoctor.evidence;

import java.util.List;

/** What the local trust manager was asked to accept, and what it said. */
public final class TrustDecision {
  private final List<CertificateSummary> chain;
  private final String authType;
  private final boolean peerIsServer;
  private final Throwable failure;

  public TrustDecision(
      List<CertificateSummary> chain, String authType, boolean peerIsServer, Throwable failure) {
    this.chain = Lists.copy(chain);
    this.authType = authType;
    this.peerIsServer = peerIsServer;
    this.failure = failure;
  }

  /** The chain as the peer presented it, leaf first. */
  public List<CertificateSummary> chain() {
    return chain;
  }

  /** The auth type JSSE passed (key exchange for TLS 1.2), or null when unknown. */
  public String authType() {
    return authType;
  }

  /** True when this JVM was checking a server's chain (it is the client). */
  public boolean isPeerServer() {
    return peerIsServer;
  }

  /** The exception the trust manager threw; null when it accepted the chain. */
  public Throwable failure() {
    return failure;
  }

  public boolean accepted() {
    return failure == null;
  }
}
