package io.handshakedoctor.capture.bcjsse;

import io.handshakedoctor.capture.PublicApiConfiguration;
import io.handshakedoctor.capture.TrustCheck;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.wire.TlsNames;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The evidence of a BouncyCastle JSSE failure, in the record SunJSSE's failures fill. Read at
 * failure time only, through the public SSLSocket/SSLEngine API of BC's connection (its peer host
 * by reflection: BC's {@code getPeerHost()} is not on SSLSocket); no BC class is named.
 *
 * <p>What BC keeps to itself stays absent rather than guessed: the hellos (BC parses them
 * internally and hands the agent no bytes), the peer's chain unless the trust manager was asked,
 * and the trust store's issuers. Every trust failure goes to the peer as {@code
 * certificate_unknown}; the trust manager's own exception is what tells the cause.
 */
final class BcJsseEvidence {
  private static final short UNEXPECTED_MESSAGE = 10;
  private static final short RECORD_OVERFLOW = 22;
  private static final int SAMPLE_BYTES = 16;

  HandshakeEvidence assemble(
      Object connection,
      boolean client,
      TrustCheck rejection,
      BcJsseFailures.BcClientKeyRequest unansweredRequest,
      short description,
      boolean sent,
      String message,
      Throwable failure,
      ByteBuffer engineInput) {
    SSLParameters parameters;
    String host;
    int port;
    SSLSession handshake;
    if (connection instanceof SSLSocket) {
      SSLSocket socket = (SSLSocket) connection;
      parameters = socket.getSSLParameters();
      host = peerHost(connection, parameters);
      port = socket.getPort();
      handshake = socket.getHandshakeSession();
    } else if (connection instanceof SSLEngine) {
      SSLEngine engine = (SSLEngine) connection;
      parameters = engine.getSSLParameters();
      host = engine.getPeerHost();
      port = engine.getPeerPort();
      handshake = engine.getHandshakeSession();
    } else {
      return null;
    }
    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    b.peer(host, port);
    List<String> trustedIssuers = BcJsseInternals.acceptedIssuers(connection);
    b.local(localConfiguration(parameters, client, trustedIssuers));
    b.origin(FailureOrigin.TLS_FATAL);
    b.failure(failure);
    b.failedAt(Instant.now());
    AlertSummary alert = new AlertSummary(TlsNames.alertDescription(description), true);
    if (sent) {
      b.alertSent(alert);
      String implied = BcJsseInternals.impliedAlert(failure);
      b.jsseAlert(implied != null ? implied : alert.description());
      if (description == UNEXPECTED_MESSAGE || description == RECORD_OVERFLOW) {
        // What BC raises for a first record that is not TLS ("Unsupported UNKNOWN(71)" for "GET /").
        b.peerBytesSample(connection instanceof SSLSocket
            ? BcJsseInternals.failedRecordHeader(connection)
            : firstBytes(engineInput));
      }
    } else {
      b.alertReceived(alert);
    }
    b.localCertificates(localCertificates(handshake));
    if (rejection != null) {
      rejection.addTo(b);
    }
    if (!client && (parameters.getNeedClientAuth() || parameters.getWantClientAuth())) {
      // BC's CertificateRequest passes no hook; its issuers are its trust manager's.
      b.certificateRequest(new CertificateRequestSummary(trustedIssuers == null ? List.of() : trustedIssuers, List.of()));
    }
    if (unansweredRequest != null) {
      // BC hides the CertificateRequest itself; its key manager call carries what it asked for.
      List<String> issuers = new ArrayList<>();
      if (unansweredRequest.issuers instanceof Principal[]) {
        for (Principal p : (Principal[]) unansweredRequest.issuers) {
          issuers.add(p.getName());
        }
      }
      b.certificateRequest(new CertificateRequestSummary(issuers, List.of()));
      b.clientCredentials(new ClientCredentialChoice(list(unansweredRequest.keyTypes), List.of()));
    }
    return b.build();
  }

  /** Up to 16 bytes from the buffer's position, without moving it; null when there is none. */
  private static byte[] firstBytes(ByteBuffer input) {
    if (input == null || !input.hasRemaining()) {
      return null;
    }
    ByteBuffer view = input.duplicate();
    byte[] sample = new byte[Math.min(SAMPLE_BYTES, view.remaining())];
    view.get(sample);
    return sample;
  }

  /**
   * The certificates this end had sent (or chosen) when the handshake failed, from BC's handshake
   * session: what a peer that refused this end's certificate was looking at.
   */
  private static List<CertificateSummary> localCertificates(SSLSession handshake) {
    Certificate[] local = handshake == null ? null : handshake.getLocalCertificates();
    if (!(local instanceof X509Certificate[]) || local.length == 0) {
      return List.of();
    }
    return CertificateSummary.ofChain((X509Certificate[]) local);
  }

  /**
   * BC's {@code ProvTlsManager.getPeerHost()}: the host the application asked for; else (a socket
   * HttpsURLConnection made unconnected and named only through SNI) the SNI host name.
   */
  private static String peerHost(Object connection, SSLParameters parameters) {
    String host = BcJsseInternals.peerHost(connection);
    if (host != null) {
      return host;
    }
    if (parameters.getServerNames() != null) {
      for (SNIServerName name : parameters.getServerNames()) {
        if (name instanceof SNIHostName) {
          return ((SNIHostName) name).getAsciiName();
        }
      }
    }
    return null;
  }

  private static LocalConfiguration localConfiguration(SSLParameters parameters, boolean client, List<String> trustedIssuers) {
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.trustedIssuers(trustedIssuers);
    c.enabledProtocols(list(parameters.getProtocols()));
    c.enabledCipherSuites(list(parameters.getCipherSuites()));
    PublicApiConfiguration.addParameters(c, parameters);
    c.clientAuth(PublicApiConfiguration.clientAuth(client, parameters.getNeedClientAuth(), parameters.getWantClientAuth()));
    // BC reads its own properties (org.bouncycastle.jsse.*), not the JDK's jdk.tls.* ones: left out.
    return c.build();
  }

  private static List<String> list(String[] values) {
    return PublicApiConfiguration.list(values);
  }
}
