package io.handshakedoctor.capture;

import io.handshakedoctor.bootstrap.HandshakeListener;
import java.nio.ByteBuffer;

/**
 * Test support: a listener that fails at the start of every handshake, to prove that a fault
 * inside the agent leaves the host's handshakes alone. Enabled only by the system property
 * {@code handshake.doctor.test.fail.capture=true}.
 */
public final class FaultInjectingListener implements HandshakeListener {
  private final HandshakeListener delegate;

  public FaultInjectingListener(HandshakeListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handshakeStarted(Object handshakeContext, Object transportContext, Object handshakeOutput) {
    throw new IllegalStateException("injected fault (handshake.doctor.test.fail.capture)");
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
  public void fatalStarted(Object transportContext, Object alert, String diagnostic, boolean alertReceived, Throwable cause, Object handshakeContext) {
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
  public void internalError(String where, Throwable error) {
    delegate.internalError(where, error);
  }
}
