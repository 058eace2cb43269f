package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.HandshakeEvidence;

/**
 * Receives the evidence of each failed handshake, on the thread where it failed, with the request
 * context the connection served ({@link RequestContexts}; null when none was seen).
 */
public interface FailureSink {
  void handshakeFailed(HandshakeEvidence evidence, Throwable thrown, Object requestContext);
}
