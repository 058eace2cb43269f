package io.handshakedoctor.capture;

import io.handshakedoctor.bootstrap.HandshakeListener;
import java.nio.ByteBuffer;

/**
 * The base of every decorator of the hook stream: each hook goes to the delegate unchanged, so a
 * decorator overrides only the hooks it changes (and calls {@code super} to pass them on). Not
 * abstract: a hook added to {@link HandshakeListener} (which has no defaults) fails to compile
 * until it is forwarded here, and {@code ForwardingListenerTest} checks each reaches the delegate
 * with its arguments. See docs/design.md, "How to add a hook".
 */
public class ForwardingListener implements HandshakeListener {
  private final HandshakeListener delegate;

  protected ForwardingListener(HandshakeListener delegate) {
    this.delegate = delegate;
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
  public void fatalThrown(Object transportContext, Throwable thrown) {
    delegate.fatalThrown(transportContext, thrown);
  }

  @Override
  public void handshakeFinished(Object transportContext) {
    delegate.handshakeFinished(transportContext);
  }

  @Override
  public void handshakeInterrupted(Object transportContext, Throwable thrown) {
    delegate.handshakeInterrupted(transportContext, thrown);
  }

  @Override
  public void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    delegate.handshakeAbandoned(engine, reported, cause);
  }

  @Override
  public void engineUnwrapping(Object transportContext, ByteBuffer[] sources, int offset, int length) {
    delegate.engineUnwrapping(transportContext, sources, offset, length);
  }

  @Override
  public void nettyHandshakeFailing(Object engine, Object channelContext, Throwable cause) {
    delegate.nettyHandshakeFailing(engine, channelContext, cause);
  }

  @Override
  public void engineCreated(Object engine, Object transportContext) {
    delegate.engineCreated(engine, transportContext);
  }

  @Override
  public void clientTransportStarting(Object negotiator) {
    delegate.clientTransportStarting(negotiator);
  }

  @Override
  public void clientTransportEngineCreating(Object negotiator) {
    delegate.clientTransportEngineCreating(negotiator);
  }

  @Override
  public void clientTransportEngineCreated(Object negotiator) {
    delegate.clientTransportEngineCreated(negotiator);
  }

  @Override
  public void nettyHandlerAdded(Object engine, Object channelContext) {
    delegate.nettyHandlerAdded(engine, channelContext);
  }

  @Override
  public void nativeEngineCreated(Object engine) {
    delegate.nativeEngineCreated(engine);
  }

  @Override
  public void nativeEngineWrapping(Object engine, ByteBuffer destination) {
    delegate.nativeEngineWrapping(engine, destination);
  }

  @Override
  public void nativeEngineWrapped(Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    delegate.nativeEngineWrapped(engine, destination, result, thrown);
  }

  @Override
  public void nativeEngineUnwrapping(Object engine, ByteBuffer[] sources, int offset, int length) {
    delegate.nativeEngineUnwrapping(engine, sources, offset, length);
  }

  @Override
  public void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    delegate.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
  }

  @Override
  public void nativeClientCertificateRequested(Object engine, Object issuers) {
    delegate.nativeClientCertificateRequested(engine, issuers);
  }

  @Override
  public void nativeSocketHandshakeFailed(Object socket, Throwable thrown) {
    delegate.nativeSocketHandshakeFailed(socket, thrown);
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
  public void bcEngineUnwrapping(Object engine, ByteBuffer source) {
    delegate.bcEngineUnwrapping(engine, source);
  }

  @Override
  public void internalError(String where, Throwable error) {
    delegate.internalError(where, error);
  }
}
