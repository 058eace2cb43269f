package io.handshakedoctor.capture.conscrypt;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.PerConnection;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.capture.TrustCheck;
import io.handshakedoctor.evidence.HandshakeEvidence;

/**
 * The failed handshakes of Conscrypt's file-descriptor sockets, where BoringSSL reads and writes
 * the socket itself: no handshake byte passes through Java, so the failure is seen when {@code
 * startHandshake} throws, and the one thing kept before it is the trust manager's rejection
 * (keyed by the socket, until its handshake ends). Nothing is kept for healthy handshakes.
 */
public final class ConscryptSocketFailures {
  private static final String FD_SOCKET = "org.conscrypt.ConscryptFileDescriptorSocket";

  private final PerConnection<TrustCheck> rejections;
  private final ConscryptSocketEvidence evidence = new ConscryptSocketEvidence();
  private final FailureSink sink;
  private final RequestContexts requestContexts;

  public ConscryptSocketFailures(int maxRemembered, FailureSink sink, RequestContexts requestContexts) {
    this.rejections = new PerConnection<>(maxRemembered);
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
      rejections.remember(socket, new TrustCheck(chain, thrown, peerIsServer));
    }
    return true;
  }

  /** {@code startHandshake} threw: one event, with the rejection kept for this socket if any. */
  public void handshakeFailed(Object socket, Throwable thrown) {
    HandshakeEvidence e = evidence.assemble(socket, rejections.take(socket), thrown);
    if (e != null) {
      // A blocking socket fails on the thread that called it, which carries the request's context.
      sink.handshakeFailed(e, thrown, requestContexts.current());
    }
  }
}
