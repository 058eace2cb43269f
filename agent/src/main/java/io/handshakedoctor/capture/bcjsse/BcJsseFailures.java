package io.handshakedoctor.capture.bcjsse;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * BouncyCastle JSSE's failed handshakes, from its own callbacks: a fatal alert it raises or
 * receives ends the handshake, and becomes one event. Nothing is kept for healthy handshakes:
 * only a rejected chain is remembered (keyed by the connection, until that connection's alert),
 * because BC reports it to the peer as a bare {@code certificate_unknown}.
 */
public final class BcJsseFailures {
  private static final int FATAL = 2;
  private static final String PROVIDER_PACKAGE = "org.bouncycastle.jsse.provider.";

  private final Map<Object, BcTrustVerdict> rejectedChains = new IdentityHashMap<>();
  private final Map<Object, BcClientKeyRequest> unansweredRequests = new IdentityHashMap<>();
  private final ThreadLocal<BcReceivedAlert> receivedOnThisThread = new ThreadLocal<>();
  private final int maxRemembered;
  private final BcJsseEvidence evidence = new BcJsseEvidence();
  private final FailureSink sink;
  /** BC fails on the thread driving the handshake: a blocking socket's is the request's. */
  private final RequestContexts requestContexts;

  public BcJsseFailures(int maxRemembered, FailureSink sink, RequestContexts requestContexts) {
    this.maxRemembered = maxRemembered;
    this.sink = sink;
    this.requestContexts = requestContexts;
  }

  /** Whether the trust check's context is a BC connection (a class name test, no allocation). */
  public static boolean isBcConnection(Object context) {
    return context != null && context.getClass().getName().startsWith(PROVIDER_PACKAGE);
  }

  /** The trust manager's verdict on a BC connection; only a rejection is kept. */
  public void trustChecked(Object connection, Object chain, Throwable thrown, boolean peerIsServer) {
    if (thrown == null || !isBcConnection(connection)) {
      return;
    }
    synchronized (rejectedChains) {
      if (rejectedChains.size() >= maxRemembered) {
        rejectedChains.clear(); // connections that failed without an alert; their hosts dropped them
      }
      rejectedChains.put(connection, new BcTrustVerdict(chain, thrown, peerIsServer));
    }
  }

  /** The server asked for a client certificate; kept only when the key manager had none. */
  public void clientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen) {
    if (chosen != null || !isBcConnection(connection)) {
      return;
    }
    synchronized (unansweredRequests) {
      if (unansweredRequests.size() >= maxRemembered) {
        unansweredRequests.clear(); // handshakes that went on without a certificate and succeeded
      }
      unansweredRequests.put(connection, new BcClientKeyRequest(keyTypes, issuers));
    }
  }

  public void alertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause) {
    if (level != FATAL || connection == null) {
      return; // close_notify and other warnings
    }
    HandshakeEvidence e =
        evidence.assemble(
            connection, client, rejection(connection), unanswered(connection), description, true, message, cause);
    if (e != null) {
      sink.handshakeFailed(e, cause, requestContexts.current());
    }
  }

  public void alertReceived(Object connection, boolean client, short level, short description) {
    if (level != FATAL || connection == null) {
      return;
    }
    // BC throws right after this callback; the event waits for that exception (same thread).
    receivedOnThisThread.set(new BcReceivedAlert(connection, client, description));
  }

  public void fatalAlertReceivedThrown(Throwable exception) {
    BcReceivedAlert alert = receivedOnThisThread.get();
    if (alert == null) {
      return;
    }
    receivedOnThisThread.remove();
    HandshakeEvidence e =
        evidence.assemble(
            alert.connection,
            alert.client,
            rejection(alert.connection),
            unanswered(alert.connection),
            alert.description,
            false,
            null,
            exception);
    if (e != null) {
      sink.handshakeFailed(e, exception, requestContexts.current());
    }
  }

  private BcTrustVerdict rejection(Object connection) {
    synchronized (rejectedChains) {
      return rejectedChains.isEmpty() ? null : rejectedChains.remove(connection);
    }
  }

  private BcClientKeyRequest unanswered(Object connection) {
    synchronized (unansweredRequests) {
      return unansweredRequests.isEmpty() ? null : unansweredRequests.remove(connection);
    }
  }

  static final class BcClientKeyRequest {
    final String[] keyTypes;
    final Object issuers;

    BcClientKeyRequest(String[] keyTypes, Object issuers) {
      this.keyTypes = keyTypes;
      this.issuers = issuers;
    }
  }

  static final class BcTrustVerdict {
    final Object chain;
    final Throwable failure;
    final boolean peerIsServer;

    BcTrustVerdict(Object chain, Throwable failure, boolean peerIsServer) {
      this.chain = chain;
      this.failure = failure;
      this.peerIsServer = peerIsServer;
    }
  }

  private static final class BcReceivedAlert {
    final Object connection;
    final boolean client;
    final short description;

    BcReceivedAlert(Object connection, boolean client, short description) {
      this.connection = connection;
      this.client = client;
      this.description = description;
    }
  }
}
