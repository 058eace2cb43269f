package io.handshakedoctor.capture;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of one connection's handshake while it runs: the handshake messages each direction
 * carried (copied, bounded), the trust and key decisions, and the JSSE objects to read the
 * configuration from if the handshake fails. Released when the handshake ends.
 *
 * <p>Written by whichever thread drives the handshake (SSLEngine delegated tasks included), so
 * every mutation is synchronized; nothing here parses or formats.
 */
public final class HandshakeCapture {
  private final Object transportContext;
  private final long startNanos = System.nanoTime();
  private final int byteBudget;

  private Object handshakeContext;
  private Object handshakeOutput;
  private final List<CapturedMessage> messages = new ArrayList<>(8);
  private int bytesKept;
  private boolean bytesDropped;
  private byte[] peerRawSample;

  private Object trustedChain;
  private Throwable trustFailure;
  private boolean trustChecked;
  private boolean peerIsServer;
  private boolean trustPending;

  private boolean clientCredentialsAsked;
  private String[] clientKeyTypes;
  private Object clientPossession;

  private FatalCall fatal;
  private long retiredAtNanos;

  HandshakeCapture(Object transportContext, int byteBudget) {
    this.transportContext = transportContext;
    this.byteBudget = byteBudget;
  }

  Object transportContext() {
    return transportContext;
  }

  long startNanos() {
    return startNanos;
  }

  synchronized void attach(Object newHandshakeContext, Object newHandshakeOutput) {
    handshakeContext = newHandshakeContext;
    handshakeOutput = newHandshakeOutput;
  }

  synchronized Object handshakeContext() {
    return handshakeContext;
  }

  synchronized Object handshakeOutput() {
    return handshakeOutput;
  }

  synchronized void addOutbound(byte[] buf, int count) {
    if (!reserve(count)) {
      return;
    }
    byte[] copy = new byte[count];
    System.arraycopy(buf, 0, copy, 0, count);
    messages.add(new CapturedMessage(true, copy));
  }

  synchronized void addInbound(byte type, ByteBuffer body) {
    int length = body.remaining();
    if (!reserve(length + 4)) {
      return;
    }
    byte[] copy = new byte[length + 4];
    copy[0] = type;
    copy[1] = (byte) (length >>> 16);
    copy[2] = (byte) (length >>> 8);
    copy[3] = (byte) length;
    body.duplicate().get(copy, 4, length);
    messages.add(new CapturedMessage(false, copy));
  }

  /** Handshake-message bytes kept plus the peer sample: what this capture holds of the wire. */
  synchronized int bytesKept() {
    return bytesKept + (peerRawSample == null ? 0 : peerRawSample.length);
  }

  private boolean reserve(int count) {
    if (count < 0 || bytesKept + count > byteBudget) {
      bytesDropped = true;
      return false;
    }
    bytesKept += count;
    return true;
  }

  /** Keeps the first bytes the peer sent, once, for telling a non-TLS peer apart. */
  synchronized void samplePeerBytes(ByteBuffer[] sources, int offset, int length, int max) {
    if (peerRawSample != null || sources == null) {
      return;
    }
    for (int i = offset; i < offset + length && i < sources.length; i++) {
      ByteBuffer src = sources[i];
      if (src != null && src.hasRemaining()) {
        ByteBuffer view = src.duplicate();
        byte[] sample = new byte[Math.min(max, view.remaining())];
        view.get(sample);
        peerRawSample = sample;
        return;
      }
    }
  }

  synchronized void trustCheckStarted(Object chain, boolean peerIsServer) {
    this.trustChecked = true;
    this.trustedChain = chain;
    this.trustFailure = null;
    this.trustPending = true;
    this.peerIsServer = peerIsServer;
  }

  synchronized void trustChecked(Object chain, Throwable failure, boolean peerIsServer) {
    this.trustChecked = true;
    if (chain != null) {
      this.trustedChain = chain;
    }
    this.trustFailure = failure;
    this.trustPending = false;
    this.peerIsServer = peerIsServer;
  }

  synchronized void clientCredentialsChosen(String[] keyTypes, Object possession) {
    this.clientCredentialsAsked = true;
    this.clientKeyTypes = keyTypes == null ? null : keyTypes.clone();
    this.clientPossession = possession;
  }

  /** Whether the peer sent any handshake message or raw bytes that were seen. */
  synchronized boolean receivedAnything() {
    if (peerRawSample != null) {
      return true;
    }
    for (CapturedMessage m : messages) {
      if (!m.isOutbound()) {
        return true;
      }
    }
    return false;
  }

  synchronized void retiredAt(long nanos) {
    retiredAtNanos = nanos;
  }

  synchronized long retiredAt() {
    return retiredAtNanos;
  }

  /** This client was asked for a certificate, so the server may still reject it after finishing. */
  synchronized boolean awaitsServerVerdict() {
    return clientCredentialsAsked;
  }

  synchronized void fatal(FatalCall call) {
    if (fatal == null) {
      fatal = call;
    }
  }

  /** An immutable view for the evidence assembler, taken once the handshake has failed. */
  synchronized CaptureSnapshot snapshot() {
    return new CaptureSnapshot(
        transportContext,
        handshakeContext,
        new ArrayList<>(messages),
        bytesDropped,
        peerRawSample,
        trustChecked,
        trustedChain,
        trustFailure,
        trustPending,
        peerIsServer,
        clientCredentialsAsked,
        clientKeyTypes,
        clientPossession,
        fatal,
        startNanos);
  }
}
