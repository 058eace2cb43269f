package io.handshakedoctor.capture.conscrypt;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The failed handshakes of Conscrypt's file-descriptor sockets, where BoringSSL reads and writes
 * the socket itself: no handshake byte passes through Java, so the failure is seen when {@code
 * startHandshake} throws, and the one thing kept before it is the trust manager's rejection
 * (keyed by the socket, until its handshake ends). Nothing is kept for healthy handshakes.
 */
public final class ConscryptSocketFailures {
  private static final String FD_SOCKET = "org.conscrypt.ConscryptFileDescriptorSocket";

  private final Map<Object, TrustRejection> rejections = new IdentityHashMap<>();
  private final int maxRemembered;
  private final ConscryptSocketEvidence evidence = new ConscryptSocketEvidence();
  private final FailureSink sink;
  private final RequestContexts requestContexts;

  public ConscryptSocketFailures(int maxRemembered, FailureSink sink, RequestContexts requestContexts) {
    this.maxRemembered = maxRemembered;
    this.sink = sink;
    this.requestContexts = requestContexts;
  }

  /**
   * Whether the trust check's context is a Conscrypt file-descriptor socket (its class or a
   * subclass: {@code Java8FileDescriptorSocket}); a name test up the class chain, no allocation.
   */
  public static boolean isFileDescriptorSocket(Object context) {
    for (Class<?> c = context == null ? null : context.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(FD_SOCKET)) {
        return true;
      }
    }
    return false;
  }

  /** The trust manager's verdict; false when the context is not a Conscrypt socket. */
  public boolean trustChecked(Object socket, Object chain, Throwable thrown, boolean peerIsServer) {
    if (!isFileDescriptorSocket(socket)) {
      return false;
    }
    if (thrown != null) {
      synchronized (rejections) {
        if (rejections.size() >= maxRemembered) {
          rejections.clear(); // sockets their hosts dropped before the handshake ended
        }
        rejections.put(socket, new TrustRejection(chain, thrown, peerIsServer));
      }
    }
    return true;
  }

  /** {@code startHandshake} threw: one event, with the rejection kept for this socket if any. */
  public void handshakeFailed(Object socket, Throwable thrown) {
    TrustRejection rejection;
    synchronized (rejections) {
      rejection = rejections.isEmpty() ? null : rejections.remove(socket);
    }
    HandshakeEvidence e = evidence.assemble(socket, rejection, thrown);
    if (e != null) {
      // A blocking socket fails on the thread that called it, which carries the request's context.
      sink.handshakeFailed(e, thrown, requestContexts.current());
    }
  }

  static final class TrustRejection {
    final Object chain;
    final Throwable failure;
    final boolean peerIsServer;

    TrustRejection(Object chain, Throwable failure, boolean peerIsServer) {
      this.chain = chain;
      this.failure = failure;
      this.peerIsServer = peerIsServer;
    }
  }
}
