package io.handshakedoctor.capture;

import io.handshakedoctor.bootstrap.HandshakeListener;
import java.nio.ByteBuffer;

/**
 * TEST ONLY: a listener that throws from the one hook {@link InjectedFaults} names (after the
 * real listener ran, so later hooks see a consistent registry, or instead of it for {@code
 * handshakeStarted}, so nothing is registered), to prove that a fault inside the agent leaves
 * the host's handshakes alone. Installed only when {@code handshake.doctor.test.fail} is set.
 * Every other hook passes through {@link ForwardingListener}.
 */
public final class FaultInjectingListener extends ForwardingListener {

  public FaultInjectingListener(HandshakeListener delegate) {
    super(delegate);
  }

  @Override
  public void handshakeStarted(Object handshakeContext, Object transportContext, Object handshakeOutput) {
    InjectedFaults.maybeFail("handshakeStarted");
    super.handshakeStarted(handshakeContext, transportContext, handshakeOutput);
  }

  @Override
  public void outboundHandshakeMessage(Object handshakeOutput, byte[] buf, int count) {
    super.outboundHandshakeMessage(handshakeOutput, buf, count);
    InjectedFaults.maybeFail("outboundHandshakeMessage");
  }

  @Override
  public void inboundHandshakeMessage(Object handshakeContext, byte type, ByteBuffer body) {
    super.inboundHandshakeMessage(handshakeContext, type, body);
    InjectedFaults.maybeFail("inboundHandshakeMessage");
  }

  @Override
  public void certificatesChecking(Object handshakeContext, Object chain, boolean peerIsServer) {
    super.certificatesChecking(handshakeContext, chain, peerIsServer);
    InjectedFaults.maybeFail("certificatesChecking");
  }

  @Override
  public void certificatesChecked(Object handshakeContext, Object chain, Throwable thrown, boolean peerIsServer) {
    super.certificatesChecked(handshakeContext, chain, thrown, peerIsServer);
    InjectedFaults.maybeFail("certificatesChecked");
  }

  @Override
  public void clientCredentialsChosen(Object handshakeContext, String[] keyTypes, Object possession) {
    super.clientCredentialsChosen(handshakeContext, keyTypes, possession);
    InjectedFaults.maybeFail("clientCredentialsChosen");
  }

  @Override
  public void fatalStarted(Object transportContext, Object alert, String diagnostic, boolean alertReceived, Throwable cause, Object handshakeContext) {
    super.fatalStarted(transportContext, alert, diagnostic, alertReceived, cause, handshakeContext);
    InjectedFaults.maybeFail("fatalStarted");
  }

  @Override
  public void fatalThrown(Object transportContext, Throwable thrown) {
    InjectedFaults.maybeFail("fatalThrown");
    super.fatalThrown(transportContext, thrown);
  }

  @Override
  public void handshakeFinished(Object transportContext) {
    super.handshakeFinished(transportContext);
    InjectedFaults.maybeFail("handshakeFinished");
  }

  @Override
  public void handshakeInterrupted(Object transportContext, Throwable thrown) {
    InjectedFaults.maybeFail("handshakeInterrupted");
    super.handshakeInterrupted(transportContext, thrown);
  }

  @Override
  public void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    InjectedFaults.maybeFail("handshakeAbandoned");
    super.handshakeAbandoned(engine, reported, cause);
  }

  @Override
  public void engineUnwrapping(Object transportContext, ByteBuffer[] sources, int offset, int length) {
    super.engineUnwrapping(transportContext, sources, offset, length);
    InjectedFaults.maybeFail("engineUnwrapping");
  }
}
