package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.LastGoodHandshake;
import io.handshakedoctor.peers.PeerMemory;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Records a successful handshake into the {@link PeerMemory}, at most once per peer per interval.
 * On a healthy handshake it only identifies the peer (a cached field read and public getters, no
 * allocation) and asks the memory whether a record is due; the session is read only then.
 */
final class LastGoodRecorder {
  private final PeerMemory memory;
  private final JsseInternals jsse;
  /** TransportContext.transport, looked up once per class so the healthy path builds no lookup key. */
  private final ClassValue<Field> transportField =
      new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
          return JsseInternals.declaredField(type, "transport");
        }
      };

  LastGoodRecorder(PeerMemory memory, JsseInternals jsse) {
    this.memory = memory;
    this.jsse = jsse;
  }

  PeerMemory memory() {
    return memory;
  }

  /** Called when a handshake finished; never throws. */
  void handshakeFinished(Object transportContext) {
    try {
      Object transport = read(transportField.get(transportContext.getClass()), transportContext);
      long peer = peerHash(transport);
      if (peer == 0 || !memory.due(peer, System.nanoTime())) {
        return;
      }
      record(transportContext, transport);
    } catch (RuntimeException | LinkageError e) {
      // the memory is a convenience: a handshake that worked must not be disturbed by it
    }
  }

  /** A stable hash of the peer, without allocating: the server's host and port, a client's host. */
  private static long peerHash(Object transport) {
    if (transport instanceof SSLEngine) {
      SSLEngine engine = (SSLEngine) transport;
      String host = engine.getPeerHost();
      long h = host == null ? 0 : host.hashCode();
      return engine.getUseClientMode() ? h * 31 + engine.getPeerPort() : h;
    }
    if (transport instanceof Socket) {
      Socket socket = (Socket) transport;
      InetAddress address = socket.getInetAddress();
      long h = address == null ? 0 : address.hashCode();
      boolean client = transport instanceof javax.net.ssl.SSLSocket && ((javax.net.ssl.SSLSocket) transport).getUseClientMode();
      return client ? h * 31 + socket.getPort() : h;
    }
    return 0;
  }

  private void record(Object transportContext, Object transport) {
    Object session = jsse.field(transportContext, "conSession");
    if (!(session instanceof SSLSession)) {
      return;
    }
    SSLSession s = (SSLSession) session;
    boolean client;
    String host;
    int port;
    if (transport instanceof SSLEngine) {
      client = ((SSLEngine) transport).getUseClientMode();
      host = ((SSLEngine) transport).getPeerHost();
      port = ((SSLEngine) transport).getPeerPort();
    } else {
      client = ((javax.net.ssl.SSLSocket) transport).getUseClientMode();
      Object peerHost = jsse.call(transport, "getPeerHost");
      host = peerHost instanceof String ? (String) peerHost : ((Socket) transport).getInetAddress().getHostAddress();
      port = ((Socket) transport).getPort();
    }
    memory.remember(new LastGoodHandshake(PeerMemory.key(client, host, port), Instant.now(), s.getProtocol(), s.getCipherSuite(),
        leaf(s), Security.getProperty("jdk.tls.disabledAlgorithms")));
  }

  private static CertificateSummary leaf(SSLSession s) {
    try {
      Certificate[] chain = s.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate ? CertificateSummary.of((X509Certificate) chain[0]) : null;
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return null; // a client that presented no certificate
    }
  }

  private static Object read(Field field, Object target) {
    if (field == null) {
      return null;
    }
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
