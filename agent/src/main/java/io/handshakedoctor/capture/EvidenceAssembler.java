package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LastGoodHandshake;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.evidence.TrustDecision;
import io.handshakedoctor.wire.PeerBytes;
import io.handshakedoctor.wire.PlaintextAlertRecord;
import io.handshakedoctor.wire.TlsNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the immutable evidence of a failed handshake from its capture: the captured messages
 * decoded through the wire parsers ({@link DecodedHandshake}), the hooks' trust and key decisions,
 * and what the engine's {@link ConnectionReader} reads of the connection at the moment of failure.
 * Names no engine's internals; all parsing happens here, once, on the failure path.
 */
final class EvidenceAssembler {
  private final ConnectionReader connections;
  private final LastHealthyHandshakes peers;

  /** {@code peers}: the peer inventory, where the last good handshake with each peer is kept; null when off. */
  EvidenceAssembler(ConnectionReader connections, LastHealthyHandshakes peers) {
    this.connections = connections;
    this.peers = peers;
  }

  HandshakeEvidence assemble(CaptureSnapshot capture, Throwable thrown, FailureOrigin origin) {
    Object connection = capture.transportContext;
    Object handshake =
        capture.fatal != null && capture.fatal.handshakeContext != null
            ? capture.fatal.handshakeContext
            : capture.handshakeContext;
    boolean client = connections.isClient(connection);

    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    String host = connections.peerHost(connection);
    int port = connections.peerPort(connection);
    b.peer(host, port);
    if (peers != null && client) {
      // Client side only: the inventory keeps a server-side record per listening port, not per
      // client, so it cannot say what changed for this one client (docs/design.md).
      b.lastGood(LastGoodHandshake.of(peers.lastHealthy(true, host, port)));
    }
    b.local(connections.localConfiguration(connection, handshake));
    b.origin(origin);
    b.failure(thrown);
    b.failedAt(Instant.now());
    b.renegotiation(connections.hasNegotiated(connection));
    b.elapsed(Duration.ofNanos(System.nanoTime() - capture.startNanos));

    DecodedHandshake messages = decodeMessages(capture, b);
    messages.addTo(b);
    List<CertificateSummary> peerChain = messages.peerChain();
    b.peerCertificates(peerChain);
    CertificateRequestSummary request = messages.certificateRequest();
    if (request == null && client && capture.clientCredentialsAsked) {
      List<String> authorities = connections.requestedAuthorities(handshake);
      if (authorities != null) {
        request = new CertificateRequestSummary(authorities, List.of());
      }
    }
    b.certificateRequest(request);

    if (capture.trustChecked) {
      b.trust(
          new TrustDecision(
              DecodedHandshake.chainOr(capture.trustedChain, peerChain),
              messages.authType(),
              capture.peerIsServer,
              trustFailure(capture)));
    }
    if (capture.clientCredentialsAsked) {
      b.clientCredentials(
          new ClientCredentialChoice(
              capture.clientKeyTypes == null ? List.of() : Arrays.asList(capture.clientKeyTypes),
              CertificateSummary.ofChain(connections.chosenClientChain(capture.clientPossession))));
    }

    if (capture.fatal != null) {
      String alert = connections.alertDescription(capture.fatal.alert);
      b.jsseAlert(alert);
      if (alert != null && capture.fatal.alertReceived) {
        b.alertReceived(new AlertSummary(alert, true));
      } else {
        if (alert != null && capture.fatal.alertLikelySent) {
          b.alertSent(new AlertSummary(alert, true));
        }
        b.alertReceived(plaintextAlert(capture, thrown, connection));
      }
    }
    b.peerBytesSample(nonTlsPeerBytes(capture.peerRawSample, connection));
    return b.build();
  }

  /** Names the messages each way into {@code b} and decodes the ones the evidence reads. */
  private static DecodedHandshake decodeMessages(CaptureSnapshot capture, HandshakeEvidence.Builder b) {
    List<String> sent = new ArrayList<>();
    List<String> received = new ArrayList<>();
    byte[] clientHello = null;
    byte[] serverHello = null;
    byte[] certificate = null;
    byte[] localCertificate = null;
    byte[] certificateRequest = null;
    for (CapturedMessage m : capture.messages) {
      (m.isOutbound() ? sent : received).add(TlsNames.handshakeType(m.type()));
      switch (m.type()) {
        case DecodedHandshake.CLIENT_HELLO:
          clientHello = body(m);
          break;
        case DecodedHandshake.SERVER_HELLO:
          serverHello = body(m);
          break;
        case DecodedHandshake.CERTIFICATE:
          if (m.isOutbound()) {
            localCertificate = body(m);
          } else {
            certificate = body(m);
          }
          break;
        case DecodedHandshake.CERTIFICATE_REQUEST:
          certificateRequest = body(m);
          break;
        default:
          break;
      }
    }
    b.messagesSent(sent).messagesReceived(received);
    return DecodedHandshake.decode(clientHello, serverHello, certificate, localCertificate, certificateRequest);
  }

  /** A rejection fails the handshake inside the trust check, so its cause is the verdict. */
  private static Throwable trustFailure(CaptureSnapshot capture) {
    if (capture.trustFailure != null) {
      return capture.trustFailure;
    }
    if (capture.trustPending && capture.fatal != null) {
      return capture.fatal.cause != null ? capture.fatal.cause : new Exception(capture.fatal.diagnostic);
    }
    return null;
  }

  private static byte[] body(CapturedMessage m) {
    byte[] bytes = m.bytes();
    return bytes.length < 4 ? new byte[0] : Arrays.copyOfRange(bytes, 4, bytes.length);
  }

  /**
   * The alert the peer sent in clear where the engine expected an encrypted record (JSSE fails on the
   * record without calling it a received alert): from JSSE's message (JDK 25), else from the failing
   * record's bytes, the unwrap's input or the socket's record reader; null when none.
   */
  private AlertSummary plaintextAlert(CaptureSnapshot capture, Throwable thrown, Object connection) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      AlertSummary named = connections.plaintextAlertNamedIn(t.getMessage());
      if (named != null) {
        return named;
      }
    }
    AlertSummary named = connections.plaintextAlertNamedIn(capture.fatal.diagnostic);
    if (named != null) {
      return named;
    }
    return PlaintextAlertRecord.find(capture.lastPeerRecords != null ? capture.lastPeerRecords : connections.lastSocketRecord(connection));
  }

  /** Raw peer bytes, kept only when they are not the start of a TLS record. */
  private byte[] nonTlsPeerBytes(byte[] engineSample, Object connection) {
    byte[] sample = engineSample != null ? engineSample : connections.firstPeerBytes(connection);
    if (sample == null || allZero(sample) || PeerBytes.isTls(sample)) {
      return null;
    }
    return sample;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true; // includes empty: nothing was read from the peer
  }
}
