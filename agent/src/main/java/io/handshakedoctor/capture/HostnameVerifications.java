package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.evidence.TrustDecision;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * Host name checks made after the handshake, outside the TLS engine: OkHttp's, HttpClient 5's and
 * applications' {@code HostnameVerifier}s, and HttpsURLConnection's check with a verifier of its
 * application's. Only JDK code is hooked (the agent weaves nothing of the libraries): the
 * {@code SSLPeerUnverifiedException} such a library or application makes when its verifier says
 * no, and HttpsURLConnection's check. The exception carries no connection, so each thread
 * remembers the client connection whose handshake it finished last (the verifier runs right after,
 * on the same thread); the exception is a host name rejection when that connection's certificate
 * does not cover the host it was opened for (a pinning failure, say, is not). One event per
 * connection: the first rejection reports it and forgets the connection.
 *
 * <p>The session is a {@link SSLSession}, so its chain, peer and requested server names are read
 * through that JDK interface. A healthy handshake costs a thread-local store at its end.
 */
final class HostnameVerifications {
  /** What SunJSSE says when a session's peer sent no certificate: not a host name check. */
  private static final String UNAUTHENTICATED = "peer not authenticated";

  private final FailureSink sink;
  private final ConnectionReader connections;
  /**
   * Per thread: the TransportContext of the handshake it finished last, or null. Whether it was a
   * client's is asked only at failure time (no reflection on the healthy path); the reference is
   * dropped by the thread's next handshake or rejection.
   */
  private final ThreadLocal<Object[]> lastFinished = new ThreadSlot();

  HostnameVerifications(FailureSink sink, ConnectionReader connections) {
    this.sink = sink;
    this.connections = connections;
  }

  void handshakeFinished(Object transportContext) {
    lastFinished.get()[0] = transportContext;
  }

  /** HttpsURLConnection's check failed: no doubt about what was checked. */
  void rejected(Object verifier, Object session, Throwable thrown) {
    lastFinished.get()[0] = null;
    if (session instanceof SSLSession) {
      SSLSession s = (SSLSession) session;
      String where = "HttpsURLConnection" + (verifier == null ? "" : " with " + verifier.getClass().getName());
      sink.handshakeFailed(evidence(where, s.getPeerHost(), s, thrown), thrown, null);
    }
  }

  void peerUnverified(Throwable exception) {
    if (UNAUTHENTICATED.equals(exception.getMessage())) {
      return;
    }
    Object[] slot = lastFinished.get();
    Object transportContext = slot[0];
    if (transportContext == null) {
      return;
    }
    if (!connections.isClient(transportContext)) {
      return;
    }
    SSLSession s = connections.session(transportContext);
    if (s == null) {
      return;
    }
    String host = s.getPeerHost();
    List<CertificateSummary> chain = peerChain(s);
    if (host == null || chain.isEmpty() || HostnameMatch.covers(chain.get(0), host)) {
      return; // not about the host name (certificate pinning, an application's own rule)
    }
    slot[0] = null;
    sink.handshakeFailed(evidence(thrower(exception), host, s, exception), exception, null);
  }

  /** The method that made the exception: the verifier or the library's check around it. */
  private static String thrower(Throwable exception) {
    for (StackTraceElement frame : exception.getStackTrace()) {
      String c = frame.getClassName();
      if (!c.startsWith("javax.net.ssl.") && !c.startsWith("java.lang.") && !c.startsWith("io.handshakedoctor.")) {
        return c + "." + frame.getMethodName();
      }
    }
    return null;
  }

  static HandshakeEvidence evidence(
      String rejectedBy, String host, SSLSession session, Throwable thrown) {
    List<CertificateSummary> chain = peerChain(session);
    List<String> serverNames = requestedServerNames(session);
    LocalConfiguration.Builder local = LocalConfiguration.builder().serverNames(serverNames);
    String protocol = session.getProtocol();
    if (protocol != null && !protocol.startsWith("NONE")) {
      local.activeProtocols(Collections.singletonList(protocol));
    }
    return HandshakeEvidence.builder(Side.CLIENT)
        .peer(host != null ? host : session.getPeerHost(), session.getPeerPort())
        .local(local.build())
        .peerCertificates(chain)
        // The engine's trust manager accepted the chain: the handshake completed.
        .trust(new TrustDecision(chain, null, true, null))
        .origin(FailureOrigin.HOSTNAME_VERIFIER)
        .hostnameVerifier(rejectedBy)
        .failure(thrown)
        .build();
  }

  private static List<CertificateSummary> peerChain(SSLSession session) {
    try {
      Certificate[] certificates = session.getPeerCertificates();
      List<X509Certificate> x509 = new ArrayList<>();
      for (Certificate c : certificates) {
        if (c instanceof X509Certificate) {
          x509.add((X509Certificate) c);
        }
      }
      return CertificateSummary.ofChain(x509.toArray(new X509Certificate[0]));
    } catch (Exception e) {
      return Collections.emptyList(); // an unauthenticated peer: nothing to show
    }
  }

  /** The SNI names this client sent (SunJSSE and BouncyCastle both report them on the client). */
  private static List<String> requestedServerNames(SSLSession session) {
    if (!(session instanceof ExtendedSSLSession)) {
      return Collections.emptyList();
    }
    try {
      List<String> names = new ArrayList<>();
      for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
        if (name instanceof SNIHostName) {
          names.add(((SNIHostName) name).getAsciiName());
        }
      }
      return names;
    } catch (RuntimeException e) {
      return Collections.emptyList(); // UnsupportedOperationException on older providers
    }
  }
}
