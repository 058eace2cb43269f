package io.handshakedoctor.capture;

/** The arguments of JSSE's first {@code fatal(...)} call on a connection. */
final class FatalCall {
  final Object alert;
  final String diagnostic;
  final boolean alertReceived;
  final Throwable cause;
  final Object handshakeContext;
  final boolean alertLikelySent;

  FatalCall(
      Object alert,
      String diagnostic,
      boolean alertReceived,
      Throwable cause,
      Object handshakeContext,
      boolean alertLikelySent) {
    this.alert = alert;
    this.diagnostic = diagnostic;
    this.alertReceived = alertReceived;
    this.cause = cause;
    this.handshakeContext = handshakeContext;
    this.alertLikelySent = alertLikelySent;
  }
}
