package io.handshakedoctor.capture.bcjsse;

import io.handshakedoctor.capture.PublicApiConfiguration;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.evidence.TrustDecision;
import io.handshakedoctor.wire.TlsNames;
import java.lang.reflect.Method;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
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
  HandshakeEvidence assemble(
      Object connection,
      boolean client,
      BcJsseFailures.BcTrustVerdict rejection,
      BcJsseFailures.BcClientKeyRequest unansweredRequest,
      short description,
      boolean sent,
      String message,
      Throwable failure) {
    SSLParameters parameters;
    String host;
    int port;
    if (connection instanceof SSLSocket) {
      SSLSocket socket = (SSLSocket) connection;
      parameters = socket.getSSLParameters();
      host = peerHost(connection, parameters);
      port = socket.getPort();
    } else if (connection instanceof SSLEngine) {
      SSLEngine engine = (SSLEngine) connection;
      parameters = engine.getSSLParameters();
      host = engine.getPeerHost();
      port = engine.getPeerPort();
    } else {
      return null;
    }
    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    b.peer(host, port);
    // BC reads its own properties (org.bouncycastle.jsse.*), not the JDK's jdk.tls.* ones: left out.
    b.local(PublicApiConfiguration.of(parameters, client));
    b.origin(FailureOrigin.TLS_FATAL);
    b.failure(failure);
    b.failedAt(Instant.now());
    AlertSummary alert = new AlertSummary(TlsNames.alertDescription(description), true);
    if (sent) {
      b.alertSent(alert);
      b.jsseAlert(alert.description());
    } else {
      b.alertReceived(alert);
    }
    if (rejection != null) {
      List<CertificateSummary> chain =
          rejection.chain instanceof X509Certificate[]
              ? CertificateSummary.ofChain((X509Certificate[]) rejection.chain)
              : List.of();
      b.peerCertificates(chain);
      b.trust(new TrustDecision(chain, null, rejection.peerIsServer, rejection.failure));
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

  /**
   * BC's {@code ProvTlsManager.getPeerHost()}: the host the application asked for; else (a socket
   * HttpsURLConnection made unconnected and named only through SNI) the SNI host name.
   */
  private static String peerHost(Object connection, SSLParameters parameters) {
    try {
      Method m = connection.getClass().getMethod("getPeerHost");
      m.setAccessible(true); // BC's socket classes are package-private
      Object host = m.invoke(connection);
      if (host instanceof String) {
        return (String) host;
      }
    } catch (Throwable t) {
      // an older or changed BC: fall back to SNI; the host is unaffected
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

  private static List<String> list(String[] values) {
    return PublicApiConfiguration.list(values);
  }
}
