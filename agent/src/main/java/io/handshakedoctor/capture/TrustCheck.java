package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.TrustDecision;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A trust manager's verdict as the trust hook saw it, for the engines whose capture is not
 * SunJSSE's {@code HandshakeCapture}: the chain it was given, what it threw (null: accepted), and
 * whose chain it was. BouncyCastle JSSE and Conscrypt's sockets keep only rejections, until the
 * connection fails; a native engine's capture keeps its latest verdict.
 */
public final class TrustCheck {
  private final Object chain;
  private final Throwable failure;
  private final boolean peerIsServer;

  public TrustCheck(Object chain, Throwable failure, boolean peerIsServer) {
    this.chain = chain;
    this.failure = failure;
    this.peerIsServer = peerIsServer;
  }

  /** The chain as the trust manager got it ({@code X509Certificate[]}, or whatever the hook saw). */
  public Object chain() {
    return chain;
  }

  public Throwable failure() {
    return failure;
  }

  public boolean peerIsServer() {
    return peerIsServer;
  }

  /**
   * The checked chain as the peer's certificates and the verdict on it, for an engine that saw no
   * Certificate message of its own (so no auth type either).
   */
  public void addTo(HandshakeEvidence.Builder b) {
    List<CertificateSummary> summaries =
        chain instanceof X509Certificate[] ? CertificateSummary.ofChain((X509Certificate[]) chain) : List.of();
    b.peerCertificates(summaries);
    b.trust(new TrustDecision(summaries, null, peerIsServer, failure));
  }
}
