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
 * Host name checks made after the handshake, outside the TLS engine: a {@code HostnameVerifier}
 * (OkHttp's, HttpClient 5's, the application's) or a library method around one. Checks nest (a
 * verifier delegating to another, HttpClient 5's check around the verifier it was given), so the
 * verdict that counts is the outermost one: a rejection is reported once, when the outermost check
 * on the thread ends without accepting, and not at all when an outer check accepts what an inner
 * one refused.
 *
 * <p>The session is a {@link SSLSession} whatever the engine (SunJSSE, BouncyCastle, Conscrypt), so
 * its chain, peer and requested server names are read through that JDK interface only. A healthy
 * check costs a thread-local lookup and two counter updates.
 */
final class HostnameVerifications {
  private final FailureSink sink;
  private final ThreadLocal<Nesting> nesting = ThreadLocal.withInitial(Nesting::new);

  HostnameVerifications(FailureSink sink) {
    this.sink = sink;
  }

  private static final class Nesting {
    int depth;
    Object verifier;
    String host;
    Object session;
    Throwable thrown;
    boolean rejected;

    void clear() {
      verifier = null;
      host = null;
      session = null;
      thrown = null;
      rejected = false;
    }
  }

  void started() {
    nesting.get().depth++;
  }

  void ended(Object verifier, String host, Object session, boolean verified, Throwable thrown) {
    Nesting n = nesting.get();
    n.depth = Math.max(0, n.depth - 1);
    if (verified) {
      n.clear(); // an outer check accepted what an inner one may have refused
    } else if (!n.rejected) {
      n.rejected = true;
      n.verifier = verifier;
      n.host = host;
      n.session = session;
      n.thrown = thrown;
    } else if (thrown != null) {
      n.thrown = thrown; // the outer check's exception is the one the application sees
    }
    if (n.depth > 0 || !n.rejected) {
      return;
    }
    Object rejectedBy = n.verifier;
    String rejectedHost = n.host;
    Object rejectedSession = n.session;
    Throwable reported = n.thrown;
    n.clear();
    if (rejectedSession instanceof SSLSession) {
      sink.handshakeFailed(
          evidence(rejectedBy, rejectedHost, (SSLSession) rejectedSession, reported), reported);
    }
  }

  static HandshakeEvidence evidence(
      Object verifier, String host, SSLSession session, Throwable thrown) {
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
        .hostnameVerifier(verifier == null ? null : verifier.getClass().getName())
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
