package io.handshakedoctor.capture.boringssl;

import io.handshakedoctor.capture.DecodedHandshake;
import io.handshakedoctor.capture.PublicApiConfiguration;
import io.handshakedoctor.capture.TrustCheck;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.evidence.TrustDecision;
import io.handshakedoctor.wire.HandshakeMessage;
import io.handshakedoctor.wire.RecordStream;
import io.handshakedoctor.wire.TlsRecordParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.security.auth.x500.X500Principal;

/**
 * The evidence of a native engine's failed handshake (netty-tcnative's or Conscrypt's, both
 * BoringSSL), in the same record SunJSSE's failures fill, so the rules do not care which engine
 * failed. Read at failure time only: the engine through the public {@link SSLEngine} API (it is
 * one), the hellos and alerts from the record bytes its wrap and unwrap moved, the alert it
 * received from BoringSSL's error code ({@link BoringSslErrors}).
 *
 * <p>What BoringSSL keeps to itself stays absent rather than guessed: the alert it sends is only
 * known when it went out unencrypted (TLS 1.2, or before TLS 1.3's keys), and from TLS 1.3's
 * ServerHello on the handshake is encrypted, so the peer's chain comes from the trust manager call
 * and a server's CertificateRequest is not seen.
 */
final class NativeEngineEvidence {
  /** The peer's address of a Netty channel context, or null (capture/netty reads Netty). */
  private final Function<Object, InetSocketAddress> channelPeer;

  NativeEngineEvidence(Function<Object, InetSocketAddress> channelPeer) {
    this.channelPeer = channelPeer;
  }

  HandshakeEvidence assemble(NativeEngineCapture capture, Throwable thrown) {
    if (!(capture.engine instanceof SSLEngine)) {
      return null;
    }
    SSLEngine engine = (SSLEngine) capture.engine;
    boolean client = engine.getUseClientMode();
    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    peer(b, engine, capture.channelContext);
    b.local(localConfiguration(engine, client));
    b.origin(FailureOrigin.TLS_FATAL);
    b.failure(thrown);
    b.failedAt(Instant.now());
    b.elapsed(Duration.ofNanos(System.nanoTime() - capture.startNanos));

    RecordStream sent = TlsRecordParser.parse(capture.outboundBytes());
    RecordStream received = TlsRecordParser.parse(capture.inboundBytes());
    b.messagesSent(names(sent)).messagesReceived(names(received));
    // TLS 1.2 only for the rest: in TLS 1.3 the Certificate and CertificateRequest are encrypted
    // and never reach the parser.
    DecodedHandshake messages =
        DecodedHandshake.decode(
            body(client ? sent : received, DecodedHandshake.CLIENT_HELLO),
            body(client ? received : sent, DecodedHandshake.SERVER_HELLO),
            body(received, DecodedHandshake.CERTIFICATE),
            body(sent, DecodedHandshake.CERTIFICATE),
            body(client ? received : sent, DecodedHandshake.CERTIFICATE_REQUEST));
    messages.addTo(b);
    CertificateRequestSummary request = messages.certificateRequest();
    if (request == null && client && capture.certificateRequested()) {
      // TLS 1.3's request is encrypted; the engine's callback (Conscrypt's) still named the issuers.
      request = new CertificateRequestSummary(issuerNames(capture.requestedIssuers()), List.of());
    }
    b.certificateRequest(request);
    List<CertificateSummary> peerChain = messages.peerChain();
    TrustCheck trust = capture.trust();
    if (trust != null) {
      List<CertificateSummary> checked = DecodedHandshake.chainOr(trust.chain(), peerChain);
      if (peerChain.isEmpty()) {
        peerChain = checked;
      }
      b.trust(new TrustDecision(checked, messages.authType(), trust.peerIsServer(), trust.failure()));
    }
    b.peerCertificates(peerChain);

    int errorCode = BoringSslErrors.errorCode(thrown);
    String receivedAlert = BoringSslErrors.receivedAlert(errorCode);
    if (receivedAlert == null && !received.alerts().isEmpty()) {
      receivedAlert = received.alerts().get(0).description(); // a plaintext alert BoringSSL read
    }
    if (receivedAlert != null) {
      b.alertReceived(new AlertSummary(receivedAlert, true));
    }
    if (!sent.alerts().isEmpty()) {
      b.alertSent(sent.alerts().get(0)); // sent in clear; an encrypted one stays unknown
    }
    b.jsseAlert(BoringSslErrors.impliedAlert(thrown));
    return b.build();
  }

  /**
   * The host the engine was made for. Conscrypt's engine socket asks its socket, which on JDK 16+
   * needs {@code --add-opens java.base/java.net} for a server's accepted sockets and throws
   * without it: then the peer stays unnamed rather than the evidence lost.
   */
  /**
   * The peer the engine was made for (a client's server); for an engine made without one (a server's, under Netty),
   * the remote address of the channel its handler joined.
   */
  private void peer(HandshakeEvidence.Builder b, SSLEngine engine, Object channelContext) {
    String host = peerHost(engine);
    if (host == null && channelContext != null) {
      InetSocketAddress remote = channelPeer.apply(channelContext);
      if (remote != null) {
        b.peer(remote.getHostString(), remote.getPort());
        return;
      }
    }
    b.peer(host, engine.getPeerPort());
  }

  private static String peerHost(SSLEngine engine) {
    try {
      return engine.getPeerHost();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<String> issuerNames(Object issuers) {
    List<String> out = new ArrayList<>();
    if (issuers instanceof byte[][]) {
      for (byte[] der : (byte[][]) issuers) {
        try {
          out.add(new X500Principal(der).getName());
        } catch (RuntimeException e) {
          // an unparsable name is left out
        }
      }
    }
    return out;
  }

  private static List<String> names(RecordStream stream) {
    List<String> out = new ArrayList<>();
    for (HandshakeMessage m : stream.handshakeMessages()) {
      out.add(m.typeName());
    }
    return out;
  }

  private static byte[] body(RecordStream stream, int type) {
    for (HandshakeMessage m : stream.handshakeMessages()) {
      if (m.type() == type) {
        return m.body();
      }
    }
    return null;
  }

  private static LocalConfiguration localConfiguration(SSLEngine engine, boolean client) {
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.enabledProtocols(list(engine.getEnabledProtocols()));
    c.enabledCipherSuites(list(engine.getEnabledCipherSuites()));
    SSLParameters parameters = engine.getSSLParameters();
    if (parameters != null) {
      PublicApiConfiguration.addParameters(c, parameters);
    }
    c.clientAuth(PublicApiConfiguration.clientAuth(client, engine.getNeedClientAuth(), engine.getWantClientAuth()));
    // BoringSSL does not read the JDK's security properties; they are left out on purpose.
    return c.build();
  }

  private static List<String> list(String[] values) {
    return PublicApiConfiguration.list(values);
  }
}
