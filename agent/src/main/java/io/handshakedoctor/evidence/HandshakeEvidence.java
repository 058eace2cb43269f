package io.handshakedoctor.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the agent knows about one failed handshake, frozen at failure time. This is the only
 * input of the diagnosis engine: it holds plain values, never JSSE objects, so every rule can be
 * tested with hand-built evidence.
 *
 * <p>Absent facts are null (or empty lists): the engine must say less rather than guess.
 */
public final class HandshakeEvidence {
  private final Side side;
  private final String peerHost;
  private final int peerPort;
  private final LocalConfiguration local;
  private final ClientHelloSummary clientHello;
  private final ServerHelloSummary serverHello;
  private final List<CertificateSummary> peerCertificates;
  private final List<CertificateSummary> localCertificates;
  private final CertificateRequestSummary certificateRequest;
  private final TrustDecision trust;
  private final ClientCredentialChoice clientCredentials;
  private final List<String> messagesSent;
  private final List<String> messagesReceived;
  private final AlertSummary alertSent;
  private final AlertSummary alertReceived;
  private final FailureOrigin origin;
  private final String jsseAlert;
  private final String hostnameVerifier;
  private final Throwable failure;
  private final byte[] peerBytesSample;
  private final Instant failedAt;
  private final Duration elapsed;
  private final String javaVersion;
  private final boolean renegotiation;
  private final LastGoodHandshake lastGood;

  private HandshakeEvidence(Builder b) {
    this.side = b.side;
    this.peerHost = b.peerHost;
    this.peerPort = b.peerPort;
    this.local = b.local == null ? LocalConfiguration.builder().build() : b.local;
    this.clientHello = b.clientHello;
    this.serverHello = b.serverHello;
    this.peerCertificates = Lists.copy(b.peerCertificates);
    this.localCertificates = Lists.copy(b.localCertificates);
    this.certificateRequest = b.certificateRequest;
    this.trust = b.trust;
    this.clientCredentials = b.clientCredentials;
    this.messagesSent = Lists.copy(b.messagesSent);
    this.messagesReceived = Lists.copy(b.messagesReceived);
    this.alertSent = b.alertSent;
    this.alertReceived = b.alertReceived;
    this.origin = b.origin == null ? FailureOrigin.TLS_FATAL : b.origin;
    this.jsseAlert = b.jsseAlert;
    this.hostnameVerifier = b.hostnameVerifier;
    this.failure = b.failure;
    this.peerBytesSample = b.peerBytesSample == null ? null : b.peerBytesSample.clone();
    this.failedAt = b.failedAt == null ? Instant.now() : b.failedAt;
    this.elapsed = b.elapsed;
    this.javaVersion = b.javaVersion;
    this.renegotiation = b.renegotiation;
    this.lastGood = b.lastGood;
  }

  public static Builder builder(Side side) {
    return new Builder(side);
  }

  public Side side() {
    return side;
  }

  /** The peer's host as the application named it (client) or as seen (server); may be null. */
  public String peerHost() {
    return peerHost;
  }

  /** The peer's port, or -1. */
  public int peerPort() {
    return peerPort;
  }

  public LocalConfiguration local() {
    return local;
  }

  /** The ClientHello: sent by this JVM (client side) or received (server side); may be null. */
  public ClientHelloSummary clientHello() {
    return clientHello;
  }

  /** The ServerHello or HelloRetryRequest, whichever side wrote it; may be null. */
  public ServerHelloSummary serverHello() {
    return serverHello;
  }

  /** The peer's certificate chain as presented on the wire, leaf first; empty when none seen. */
  public List<CertificateSummary> peerCertificates() {
    return peerCertificates;
  }

  /**
   * The chain this JVM presented (its own Certificate message), leaf first; empty when it sent
   * none. On the server side this is what a client that sent an alert may have rejected.
   */
  public List<CertificateSummary> localCertificates() {
    return localCertificates;
  }

  /** The server's CertificateRequest, whichever side wrote it; null when none. */
  public CertificateRequestSummary certificateRequest() {
    return certificateRequest;
  }

  /** The local trust manager's verdict on the peer's chain; null when it was never asked. */
  public TrustDecision trust() {
    return trust;
  }

  /** The local key manager's choice of client certificate; null when never asked. */
  public ClientCredentialChoice clientCredentials() {
    return clientCredentials;
  }

  /** Handshake message names this JVM sent, in order, e.g. {@code [client_hello]}. */
  public List<String> messagesSent() {
    return messagesSent;
  }

  /** Handshake message names received from the peer, in order. */
  public List<String> messagesReceived() {
    return messagesReceived;
  }

  /** The alert this JVM sent to end the handshake; null when none was sent. */
  public AlertSummary alertSent() {
    return alertSent;
  }

  /** The alert the peer sent; null when none arrived. */
  public AlertSummary alertReceived() {
    return alertReceived;
  }

  public FailureOrigin origin() {
    return origin;
  }

  /**
   * The alert JSSE attached to the failure internally (e.g. {@code handshake_failure}), sent or
   * not; null when unknown.
   */
  public String jsseAlert() {
    return jsseAlert;
  }

  /**
   * The class of the host name verifier that rejected the host after the handshake ({@link
   * FailureOrigin#HOSTNAME_VERIFIER}); null otherwise.
   */
  public String hostnameVerifier() {
    return hostnameVerifier;
  }

  /** The exception that ended the handshake, with its cause chain. */
  public Throwable failure() {
    return failure;
  }

  /**
   * The first bytes the peer sent, raw, when they were not a TLS record (or when only raw bytes
   * are known); null otherwise.
   */
  public byte[] peerBytesSample() {
    return peerBytesSample == null ? null : peerBytesSample.clone();
  }

  public Instant failedAt() {
    return failedAt;
  }

  /** Time from the handshake's start to the failure; null when the start was not seen. */
  public Duration elapsed() {
    return elapsed;
  }

  /** {@code java.version} of this JVM. */
  public String javaVersion() {
    return javaVersion;
  }

  /**
   * True when this connection had completed a handshake before the one that failed (a TLS 1.2
   * renegotiation): the first handshake's configuration worked.
   */
  public boolean renegotiation() {
    return renegotiation;
  }

  /** The last successful handshake with the same peer in this JVM, or null when none is remembered. */
  public LastGoodHandshake lastGood() {
    return lastGood;
  }

  /** The server name this connection wanted: SNI sent, else the peer host. */
  public String intendedServerName() {
    if (clientHello != null && !clientHello.serverNames().isEmpty()) {
      return clientHello.serverNames().get(0);
    }
    if (!local.serverNames().isEmpty()) {
      return local.serverNames().get(0);
    }
    return peerHost;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Side side;
    private String peerHost;
    private int peerPort = -1;
    private LocalConfiguration local;
    private ClientHelloSummary clientHello;
    private ServerHelloSummary serverHello;
    private List<CertificateSummary> peerCertificates;
    private List<CertificateSummary> localCertificates;
    private CertificateRequestSummary certificateRequest;
    private TrustDecision trust;
    private ClientCredentialChoice clientCredentials;
    private List<String> messagesSent;
    private List<String> messagesReceived;
    private AlertSummary alertSent;
    private AlertSummary alertReceived;
    private FailureOrigin origin;
    private String jsseAlert;
    private String hostnameVerifier;
    private Throwable failure;
    private byte[] peerBytesSample;
    private Instant failedAt;
    private Duration elapsed;
    private String javaVersion = System.getProperty("java.version");
    private boolean renegotiation;
    private LastGoodHandshake lastGood;

    private Builder(Side side) {
      this.side = side;
    }

    public Builder peer(String host, int port) {
      this.peerHost = host;
      this.peerPort = port;
      return this;
    }

    public Builder local(LocalConfiguration v) {
      local = v;
      return this;
    }

    public Builder clientHello(ClientHelloSummary v) {
      clientHello = v;
      return this;
    }

    public Builder serverHello(ServerHelloSummary v) {
      serverHello = v;
      return this;
    }

    public Builder peerCertificates(List<CertificateSummary> v) {
      peerCertificates = v;
      return this;
    }

    public Builder localCertificates(List<CertificateSummary> v) {
      localCertificates = v;
      return this;
    }

    public Builder certificateRequest(CertificateRequestSummary v) {
      certificateRequest = v;
      return this;
    }

    public Builder trust(TrustDecision v) {
      trust = v;
      return this;
    }

    public Builder clientCredentials(ClientCredentialChoice v) {
      clientCredentials = v;
      return this;
    }

    public Builder messagesSent(List<String> v) {
      messagesSent = v;
      return this;
    }

    public Builder messagesReceived(List<String> v) {
      messagesReceived = v;
      return this;
    }

    public Builder alertSent(AlertSummary v) {
      alertSent = v;
      return this;
    }

    public Builder alertReceived(AlertSummary v) {
      alertReceived = v;
      return this;
    }

    public Builder origin(FailureOrigin v) {
      origin = v;
      return this;
    }

    public Builder hostnameVerifier(String v) {
      hostnameVerifier = v;
      return this;
    }

    public Builder jsseAlert(String v) {
      jsseAlert = v;
      return this;
    }

    public Builder failure(Throwable v) {
      failure = v;
      return this;
    }

    public Builder peerBytesSample(byte[] v) {
      peerBytesSample = v;
      return this;
    }

    public Builder failedAt(Instant v) {
      failedAt = v;
      return this;
    }

    public Builder elapsed(Duration v) {
      elapsed = v;
      return this;
    }

    public Builder javaVersion(String v) {
      javaVersion = v;
      return this;
    }

    public Builder renegotiation(boolean v) {
      renegotiation = v;
      return this;
    }

    public Builder lastGood(LastGoodHandshake v) {
      lastGood = v;
      return this;
    }

    public HandshakeEvidence build() {
      return new HandshakeEvidence(this);
    }
  }
}
