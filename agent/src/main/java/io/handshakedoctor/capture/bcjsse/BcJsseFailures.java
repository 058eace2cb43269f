package io.handshakedoctor.capture.bcjsse;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.PerConnection;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.capture.TrustCheck;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.nio.ByteBuffer;

/**
 * BouncyCastle JSSE's failed handshakes, from its own callbacks: a fatal alert it raises or
 * receives ends the handshake, and becomes one event. Nothing is kept for healthy handshakes:
 * only a rejected chain is remembered (keyed by the connection, until that connection's alert),
 * because BC reports it to the peer as a bare {@code certificate_unknown}.
 */
public final class BcJsseFailures {
  private static final int FATAL = 2;
  private static final String PROVIDER_PACKAGE = "org.bouncycastle.jsse.provider.";

  /** Until the connection's alert; BC reports a rejected chain to the peer as a bare certificate_unknown. */
  private final PerConnection<TrustCheck> rejectedChains;
  /** Until the connection's alert; a handshake that goes on without a certificate and succeeds leaves its entry. */
  private final PerConnection<BcClientKeyRequest> unansweredRequests;
  private final ThreadLocal<BcReceivedAlert> receivedOnThisThread = ThreadLocal.withInitial(BcReceivedAlert::new);
  private final ThreadLocal<BcEngineInput> engineInputOnThisThread = ThreadLocal.withInitial(BcEngineInput::new);
  private final BcJsseEvidence evidence = new BcJsseEvidence();
  private final FailureSink sink;
  /** BC fails on the thread driving the handshake: a blocking socket's is the request's. */
  private final RequestContexts requestContexts;

  public BcJsseFailures(int maxRemembered, FailureSink sink, RequestContexts requestContexts) {
    this.rejectedChains = new PerConnection<>(maxRemembered);
    this.unansweredRequests = new PerConnection<>(maxRemembered);
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
    rejectedChains.remember(connection, new TrustCheck(chain, thrown, peerIsServer));
  }

  /** The server asked for a client certificate; kept only when the key manager had none. */
  public void clientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen) {
    if (chosen != null || !isBcConnection(connection)) {
      return;
    }
    unansweredRequests.remember(connection, new BcClientKeyRequest(keyTypes, issuers));
  }

  /**
   * An engine still in its handshake is about to read {@code source}: remembered by reference on
   * this thread (no copy, no allocation once the thread has its holder) until the thread's next
   * handshaking unwrap, in case BC refuses the bytes as not TLS.
   */
  public void engineUnwrapping(Object engine, ByteBuffer source) {
    BcEngineInput input = engineInputOnThisThread.get();
    input.engine = engine;
    input.source = source;
  }

  public void alertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause) {
    if (level != FATAL || connection == null) {
      return; // close_notify and other warnings
    }
    HandshakeEvidence e =
        evidence.assemble(
            connection, client, rejectedChains.take(connection), unansweredRequests.take(connection), description, true, message, cause,
            engineInput(connection));
    if (e != null) {
      sink.handshakeFailed(e, cause, requestContexts.current());
    }
  }

  public void alertReceived(Object connection, boolean client, short level, short description) {
    if (level != FATAL || connection == null) {
      return;
    }
    // BC throws right after this callback; the event waits for that exception (same thread).
    BcReceivedAlert alert = receivedOnThisThread.get();
    alert.connection = connection;
    alert.client = client;
    alert.description = description;
  }

  public void fatalAlertReceivedThrown(Throwable exception) {
    BcReceivedAlert alert = receivedOnThisThread.get();
    Object connection = alert.connection;
    if (connection == null) {
      return;
    }
    alert.connection = null;
    HandshakeEvidence e =
        evidence.assemble(
            connection,
            alert.client,
            rejectedChains.take(connection),
            unansweredRequests.take(connection),
            alert.description,
            false,
            null,
            exception,
            null);
    if (e != null) {
      sink.handshakeFailed(e, exception, requestContexts.current());
    }
  }

  /**
   * The record the engine was reading when BC raised its alert (it reads a record from its
   * position without moving it when it refuses it), or null when this thread's last handshaking
   * unwrap was another connection's; the reference is dropped either way.
   */
  private ByteBuffer engineInput(Object connection) {
    BcEngineInput input = engineInputOnThisThread.get();
    ByteBuffer source = input.engine == connection ? input.source : null;
    input.engine = null;
    input.source = null;
    return source;
  }

  static final class BcClientKeyRequest {
    final String[] keyTypes;
    final Object issuers;

    BcClientKeyRequest(String[] keyTypes, Object issuers) {
      this.keyTypes = keyTypes;
      this.issuers = issuers;
    }
  }

  private static final class BcEngineInput {
    Object engine;
    ByteBuffer source;
  }

  /** The fatal alert this thread received last, until BC throws for it; reused per thread. */
  private static final class BcReceivedAlert {
    Object connection;
    boolean client;
    short description;
  }
}
