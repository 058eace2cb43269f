package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * What the engine-neutral capture asks of a hooked engine's live objects: the one seam between
 * {@link CapturingListener}, {@link EvidenceAssembler} and {@link HostnameVerifications} and an
 * engine's internals. SunJSSE's is {@link io.handshakedoctor.capture.jsse.JsseConnectionReader}.
 *
 * <p>"Connection" is the object the hooks key a connection by (SunJSSE: its TransportContext),
 * "handshake" the one they key a running handshake by (its HandshakeContext). Asked at failure
 * time only. Every method tolerates objects it does not know and never throws: a JDK that renamed
 * a field costs a fact (null, false, -1, empty), never the host.
 */
public interface ConnectionReader {
  /** The connection behind an engine or socket (a hook that holds only that); null when none. */
  Object connectionOf(Object engineOrSocket);

  boolean isClient(Object connection);

  /** The connection finished a handshake before: what fails now is a renegotiation or a later message. */
  boolean hasNegotiated(Object connection);

  /** The host this side connected to (client) or was given; else the peer's address; null when unknown. */
  String peerHost(Object connection);

  /** The peer's port, or -1. */
  int peerPort(Object connection);

  /** The connection's current session (after a handshake), or null. */
  SSLSession session(Object connection);

  /** This side's configuration; {@code handshake} (may be null) adds what the running handshake chose. */
  LocalConfiguration localConfiguration(Object connection, Object handshake);

  /**
   * The authorities a peer's CertificateRequest named, as the engine kept them, for when the
   * message itself was not captured; null when unknown.
   */
  List<String> requestedAuthorities(Object handshake);

  /** The chain the key manager chose for this client ({@code possession}: what the hook saw); empty when none. */
  X509Certificate[] chosenClientChain(Object possession);

  /** The TLS name of an alert as the engine represents it ({@code handshake_failure}), or null. */
  String alertDescription(Object alert);

  /** The first bytes the peer sent, as the engine's record layer kept them; null when unknown. */
  byte[] firstPeerBytes(Object connection);

  /**
   * The alert an engine's failure message says the peer sent in clear where an encrypted record was
   * expected (JDK 25's SunJSSE: "Unexpected plaintext alert received: …"), or null.
   */
  AlertSummary plaintextAlertNamedIn(String failureMessage);

  /** The record the engine's socket reader last read (header and up to a few body bytes); null when unknown. */
  byte[] lastSocketRecord(Object connection);

  /**
   * How many records the peer's current keys have decrypted (TLS 1.3: since the handshake's
   * application keys, so 0 means the peer has sent nothing readable since its Finished); -1 when
   * unknown.
   */
  long recordsReadUnderCurrentKeys(Object connection);
}
