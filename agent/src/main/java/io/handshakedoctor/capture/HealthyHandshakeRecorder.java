package io.handshakedoctor.capture;

import io.handshakedoctor.capture.jsse.JssePeerLocator;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.wire.ClientHelloParser;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * At the end of a successful handshake: tells the sink who it was with and what was negotiated
 * (reads only, nothing allocated); when the sink says the peer is due, summarises the handshake
 * (chains, anchor, fingerprints) for it. That costs what a failure report costs, at most once per
 * peer per interval, while the capture still holds the hello.
 */
final class HealthyHandshakeRecorder {
  private final PeerLocator locator;
  private final HealthyHandshakeSink sink;
  private final InternalErrorReporter errors;
  private final ThreadLocal<PeerLocator.Peer> peers =
      new ThreadLocal<PeerLocator.Peer>() {
        @Override
        protected PeerLocator.Peer initialValue() {
          return new PeerLocator.Peer();
        }
      };

  HealthyHandshakeRecorder(PeerLocator locator, HealthyHandshakeSink sink, InternalErrorReporter errors) {
    this.locator = locator;
    this.sink = sink;
    this.errors = errors;
  }

  static HealthyHandshakeRecorder jsse(HealthyHandshakeSink sink, InternalErrorReporter errors) {
    return new HealthyHandshakeRecorder(new JssePeerLocator(), sink, errors);
  }

  void finished(Object transportContext, HandshakeCapture capture) {
    PeerLocator.Peer peer = peers.get();
    try {
      if (locator.read(transportContext, peer)
          && sink.due(peer.client, peer.host, peer.port, peer.protocol, peer.cipherSuite)) {
        sink.record(summarise(peer, capture));
      }
    } catch (Throwable t) {
      errors.internalError("recording a successful handshake for the peer inventory", t);
    } finally {
      peer.clear(); // the holder keeps no JSSE object between handshakes
    }
  }

  private HealthyHandshake summarise(PeerLocator.Peer peer, HandshakeCapture capture) {
    HealthyHandshake.Builder b =
        HealthyHandshake.builder(peer.client ? Side.CLIENT : Side.SERVER, peer.host, peer.port)
            .negotiated(peer.protocol, peer.cipherSuite)
            // read here, once per due record, never on every handshake
            .disabledTlsAlgorithms(java.security.Security.getProperty("jdk.tls.disabledAlgorithms"));
    byte[] hello = capture.messageBody(DecodedHandshake.CLIENT_HELLO, peer.client);
    if (hello != null) {
      ClientHelloSummary summary = ClientHelloParser.parse(hello);
      b.serverName(summary.serverNames().isEmpty() ? null : summary.serverNames().get(0));
      b.fingerprints(summary.ja3(), summary.ja4());
    }
    if (peer.session instanceof SSLSession) {
      SSLSession session = (SSLSession) peer.session;
      X509Certificate[] peerChain = x509(peerCertificates(session));
      b.peerChain(CertificateSummary.ofChain(peerChain));
      b.localChain(CertificateSummary.ofChain(x509(session.getLocalCertificates())));
      TrustAnchors.Anchor anchor =
          TrustAnchors.find(locator.trustManager(peer), peerChain);
      if (anchor != null) {
        b.trustAnchor(anchor.certificate, anchor.completedFromStore, anchor.distrustPolicy);
      }
    } else {
      b.peerChain(List.of());
    }
    return b.build();
  }

  private static Certificate[] peerCertificates(SSLSession session) {
    try {
      return session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return null; // a server that did not ask for client certificates
    }
  }

  private static X509Certificate[] x509(Certificate[] certificates) {
    if (certificates == null) {
      return new X509Certificate[0];
    }
    int n = 0;
    X509Certificate[] out = new X509Certificate[certificates.length];
    for (Certificate c : certificates) {
      if (c instanceof X509Certificate) {
        out[n++] = (X509Certificate) c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
