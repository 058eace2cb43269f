package io.handshakedoctor.evidence;

/** Where the agent saw the handshake end. */
public enum FailureOrigin {
  /** JSSE's single fatal-error path: a TLS-level failure, sent or received. */
  TLS_FATAL,
  /** A socket read timed out (or was interrupted) while the handshake was still running. */
  HANDSHAKE_TIMEOUT,
  /**
   * The connection under an SSLEngine ended mid-handshake (reset or end of stream) and the client
   * library gave up (java.net.http's "Remote host terminated the handshake"); JSSE never saw it.
   */
  TRANSPORT_CLOSED,
  /**
   * The handshake had completed; then, before the peer sent any record, the transport failed
   * under the first application data (an SSLSocket write's broken pipe or reset, java.net.http's
   * tube ending), which JSSE rethrows without a TLS failure: a TLS 1.3 server's alert about this
   * client's certificate was not read.
   */
  APPLICATION_DATA,
  /** An SSLEngine from another provider threw during wrap or unwrap. */
  ENGINE_EXCEPTION,
  /**
   * The handshake completed, then a {@code HostnameVerifier} (OkHttp's, HttpClient 5's, the
   * application's) rejected the host name; the connection is closed without a TLS alert.
   */
  HOSTNAME_VERIFIER
}
