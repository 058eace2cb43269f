package io.handshakedoctor.capture.conscrypt;

import io.handshakedoctor.capture.PublicApiConfiguration;
import io.handshakedoctor.capture.TrustCheck;
import io.handshakedoctor.capture.boringssl.BoringSslErrors;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import javax.net.ssl.SSLSocket;

/**
 * The evidence of a Conscrypt file-descriptor socket's failed handshake, read at failure time:
 * the socket through the public {@link SSLSocket} API, the host it was opened for through
 * Conscrypt's {@code getHostnameOrIP()}, the trust manager's rejection when there was one, and the
 * alert received or implied from BoringSSL's error code in the exception ({@link
 * BoringSslErrors}). The hellos, the peer's chain when it was trusted, and the alerts BoringSSL
 * sends never pass through Java on this socket: they stay absent and the rules' confidence shows it.
 */
final class ConscryptSocketEvidence {
  HandshakeEvidence assemble(Object connection, TrustCheck rejection, Throwable thrown) {
    if (!(connection instanceof SSLSocket)) {
      return null;
    }
    SSLSocket socket = (SSLSocket) connection;
    boolean client = socket.getUseClientMode();
    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    b.peer(peerHost(socket), socket.getPort());
    b.local(PublicApiConfiguration.of(socket.getSSLParameters(), client));
    b.origin(FailureOrigin.TLS_FATAL);
    b.failure(thrown);
    b.failedAt(Instant.now());
    if (rejection != null) {
      rejection.addTo(b);
    }
    String received = BoringSslErrors.receivedAlert(BoringSslErrors.errorCode(thrown));
    if (received != null) {
      b.alertReceived(new AlertSummary(received, true));
    }
    b.jsseAlert(BoringSslErrors.impliedAlert(thrown));
    return b.build();
  }

  /** The host the application named (Conscrypt's package-private accessor), else the address's. */
  private static String peerHost(SSLSocket socket) {
    for (Class<?> c = socket.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod("getHostnameOrIP");
        m.setAccessible(true);
        Object host = m.invoke(socket);
        if (host instanceof String) {
          return (String) host;
        }
        break;
      } catch (NoSuchMethodException e) {
        // declared higher up
      } catch (Throwable t) {
        break; // a changed Conscrypt: fall back to the address; the host is unaffected
      }
    }
    SocketAddress address = socket.getRemoteSocketAddress();
    // getHostString: the name it was made with, else the address; never a reverse lookup.
    return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getHostString() : null;
  }
}
