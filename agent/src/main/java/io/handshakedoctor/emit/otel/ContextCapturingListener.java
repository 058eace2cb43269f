package io.handshakedoctor.emit.otel;

import io.handshakedoctor.bootstrap.HandshakeListener;
import java.nio.ByteBuffer;

/**
 * Wraps the agent's listener for the OpenTelemetry output: remembers the trace context an
 * SSLEngine was created in (asynchronous clients handshake on threads that no longer carry it),
 * and tells the output which connection is failing while the failure is being reported, on the
 * failing thread. Everything else passes straight through.
 */
public final class ContextCapturingListener implements HandshakeListener {
  private final HandshakeListener delegate;
  private final ConnectionContexts contexts;

  ContextCapturingListener(HandshakeListener delegate, ConnectionContexts contexts) {
    this.delegate = delegate;
    this.contexts = contexts;
  }

  @Override
  public void hostnameRejected(Object verifier, Object session, Throwable thrown) {
    delegate.hostnameRejected(verifier, session, thrown);
  }

  @Override
  public void peerUnverified(Throwable exception) {
    delegate.peerUnverified(exception);
  }

  @Override
  public void engineCreated(Object engine, Object transportContext) {
    delegate.engineCreated(engine, transportContext);
    contexts.engineCreated(transportContext);
  }

  @Override
  public void fatalThrown(Object transportContext, Throwable thrown) {
    Object previous = contexts.enterFailure(transportContext);
    try {
      delegate.fatalThrown(transportContext, thrown);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeInterrupted(Object transportContext, Throwable thrown) {
    Object previous = contexts.enterFailure(transportContext);
    try {
      delegate.handshakeInterrupted(transportContext, thrown);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    Object transportContext = contexts.transportContextOf(engine);
    Object previous = contexts.enterFailure(transportContext);
    try {
      delegate.handshakeAbandoned(engine, reported, cause);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeFinished(Object transportContext) {
    delegate.handshakeFinished(transportContext);
    contexts.forget(transportContext);
  }

  @Override
  public void handshakeStarted(Object handshakeContext, Object transportContext, Object handshakeOutput) {
    delegate.handshakeStarted(handshakeContext, transportContext, handshakeOutput);
  }

  @Override
  public void outboundHandshakeMessage(Object handshakeOutput, byte[] buf, int count) {
    delegate.outboundHandshakeMessage(handshakeOutput, buf, count);
  }

  @Override
  public void inboundHandshakeMessage(Object handshakeContext, byte type, ByteBuffer body) {
    delegate.inboundHandshakeMessage(handshakeContext, type, body);
  }

  @Override
  public void certificatesChecking(Object handshakeContext, Object chain, boolean peerIsServer) {
    delegate.certificatesChecking(handshakeContext, chain, peerIsServer);
  }

  @Override
  public void certificatesChecked(Object handshakeContext, Object chain, Throwable thrown, boolean peerIsServer) {
    delegate.certificatesChecked(handshakeContext, chain, thrown, peerIsServer);
  }

  @Override
  public void clientCredentialsChosen(Object handshakeContext, String[] keyTypes, Object possession) {
    delegate.clientCredentialsChosen(handshakeContext, keyTypes, possession);
  }

  @Override
  public void fatalStarted(
      Object transportContext,
      Object alert,
      String diagnostic,
      boolean alertReceived,
      Throwable cause,
      Object handshakeContext) {
    delegate.fatalStarted(transportContext, alert, diagnostic, alertReceived, cause, handshakeContext);
  }

  @Override
  public void engineUnwrapping(Object transportContext, ByteBuffer[] sources, int offset, int length) {
    delegate.engineUnwrapping(transportContext, sources, offset, length);
  }

  @Override
  public void nativeEngineCreated(Object engine) {
    delegate.nativeEngineCreated(engine);
    contexts.engineCreated(engine); // a native engine is its own connection key
  }

  @Override
  public void nativeEngineWrapping(Object engine, ByteBuffer destination) {
    delegate.nativeEngineWrapping(engine, destination);
  }

  @Override
  public void nativeEngineWrapped(Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    if (thrown == null) {
      delegate.nativeEngineWrapped(engine, destination, result, thrown);
      contexts.forgetIfFinished(engine, result);
      return;
    }
    Object previous = contexts.enterFailure(engine);
    try {
      delegate.nativeEngineWrapped(engine, destination, result, thrown);
    } finally {
      contexts.exitFailure(engine, previous);
    }
  }

  @Override
  public void nativeEngineUnwrapping(Object engine, ByteBuffer[] sources, int offset, int length) {
    delegate.nativeEngineUnwrapping(engine, sources, offset, length);
  }

  @Override
  public void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    if (thrown == null) {
      delegate.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
      contexts.forgetIfFinished(engine, result);
      return;
    }
    Object previous = contexts.enterFailure(engine);
    try {
      delegate.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
    } finally {
      contexts.exitFailure(engine, previous);
    }
  }

  @Override
  public void nativeClientCertificateRequested(Object engine, Object issuers) {
    delegate.nativeClientCertificateRequested(engine, issuers);
  }

  @Override
  public void nativeSocketHandshakeFailed(Object socket, Throwable thrown) {
    // A blocking socket fails on the calling thread, which still carries its own context.
    delegate.nativeSocketHandshakeFailed(socket, thrown);
  }

  @Override
  public void bcAlertRaised(
      Object connection, boolean client, short level, short description, String message, Throwable cause) {
    delegate.bcAlertRaised(connection, client, level, description, message, cause);
  }

  @Override
  public void bcAlertReceived(Object connection, boolean client, short level, short description) {
    delegate.bcAlertReceived(connection, client, level, description);
  }

  @Override
  public void bcClientKeyChosen(Object connection, String[] keyTypes, Object issuers, Object chosen) {
    delegate.bcClientKeyChosen(connection, keyTypes, issuers, chosen);
  }

  @Override
  public void bcFatalAlertReceivedThrown(Throwable exception) {
    delegate.bcFatalAlertReceivedThrown(exception);
  }

  @Override
  public void internalError(String where, Throwable error) {
    delegate.internalError(where, error);
  }
}
