package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.HandshakeEvidence;

/** Receives the evidence of each failed handshake, on the thread where it failed. */
public interface FailureSink {
  void handshakeFailed(HandshakeEvidence evidence, Throwable thrown);
}
