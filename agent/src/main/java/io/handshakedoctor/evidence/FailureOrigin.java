package io.handshakedoctor.evidence;

/** Where the agent saw the handshake end. */
public enum FailureOrigin {
  /** JSSE's single fatal-error path: a TLS-level failure, sent or received. */
  TLS_FATAL,
  /** A socket read timed out (or was interrupted) while the handshake was still running. */
  HANDSHAKE_TIMEOUT,
  /** An SSLEngine from another provider threw during wrap or unwrap. */
  ENGINE_EXCEPTION
}
