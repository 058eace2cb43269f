package io.handshakedoctor.capture;

import java.util.List;

/** A frozen copy of a {@link HandshakeCapture}'s fields, read without locks by the assembler. */
final class CaptureSnapshot {
  final Object transportContext;
  final Object handshakeContext;
  final List<CapturedMessage> messages;
  final boolean bytesDropped;
  final byte[] peerRawSample;
  /** The first bytes of the latest unwrap's input (SSLEngine only); null when none. */
  final byte[] lastPeerRecords;
  final boolean trustChecked;
  final Object trustedChain;
  final Throwable trustFailure;
  /** The trust manager was still deciding when the handshake failed: it rejected the chain. */
  final boolean trustPending;
  final boolean peerIsServer;
  final boolean clientCredentialsAsked;
  final String[] clientKeyTypes;
  final Object clientPossession;
  final FatalCall fatal;
  final long startNanos;

  CaptureSnapshot(
      Object transportContext,
      Object handshakeContext,
      List<CapturedMessage> messages,
      boolean bytesDropped,
      byte[] peerRawSample,
      byte[] lastPeerRecords,
      boolean trustChecked,
      Object trustedChain,
      Throwable trustFailure,
      boolean trustPending,
      boolean peerIsServer,
      boolean clientCredentialsAsked,
      String[] clientKeyTypes,
      Object clientPossession,
      FatalCall fatal,
      long startNanos) {
    this.transportContext = transportContext;
    this.handshakeContext = handshakeContext;
    this.messages = messages;
    this.bytesDropped = bytesDropped;
    this.peerRawSample = peerRawSample;
    this.lastPeerRecords = lastPeerRecords;
    this.trustChecked = trustChecked;
    this.trustedChain = trustedChain;
    this.trustFailure = trustFailure;
    this.trustPending = trustPending;
    this.peerIsServer = peerIsServer;
    this.clientCredentialsAsked = clientCredentialsAsked;
    this.clientKeyTypes = clientKeyTypes;
    this.clientPossession = clientPossession;
    this.fatal = fatal;
    this.startNanos = startNanos;
  }
}
