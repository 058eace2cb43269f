package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.ClientCredentialChoice;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LastGoodHandshake;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.ServerHelloSummary;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.evidence.TrustDecision;
import io.handshakedoctor.wire.CertificateMessageParser;
import io.handshakedoctor.wire.CertificateRequestParser;
import io.handshakedoctor.wire.ClientHelloParser;
import io.handshakedoctor.wire.PeerBytes;
import io.handshakedoctor.wire.ServerHelloParser;
import io.handshakedoctor.wire.TlsNames;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Builds the immutable evidence of a failed handshake from its capture and from JSSE's state at
 * the moment of failure. All parsing happens here, once, on the failure path.
 */
final class EvidenceAssembler {
  private static final int HANDSHAKE_TYPE_CLIENT_HELLO = 1;
  private static final int HANDSHAKE_TYPE_SERVER_HELLO = 2;
  private static final int HANDSHAKE_TYPE_CERTIFICATE = 11;
  private static final int HANDSHAKE_TYPE_CERTIFICATE_REQUEST = 13;
  private static final int MAX_TRUSTED_ISSUERS = 1000;

  private final JsseInternals jsse;
  private final LocalPolicyReader policy = new LocalPolicyReader();
  private final LastHealthyHandshakes peers;

  EvidenceAssembler(JsseInternals jsse) {
    this(jsse, null);
  }

  /** {@code peers}: the peer inventory, where the last good handshake with each peer is kept; null when off. */
  EvidenceAssembler(JsseInternals jsse, LastHealthyHandshakes peers) {
    this.jsse = jsse;
    this.peers = peers;
  }

  /** The TransportContext behind a SunJSSE engine (or socket); null for other providers. */
  Object transportContextOf(Object transport) {
    return jsse.field(transport, "conContext");
  }

  boolean isClientMode(Object transportContext) {
    return jsse.booleanField(jsse.field(transportContext, "sslConfig"), "isClientMode");
  }

  boolean isNegotiated(Object transportContext) {
    return jsse.booleanField(transportContext, "isNegotiated");
  }

  HandshakeEvidence assemble(CaptureSnapshot capture, Throwable thrown, FailureOrigin origin) {
    Object transportContext = capture.transportContext;
    Object handshakeContext =
        capture.fatal != null && capture.fatal.handshakeContext != null
            ? capture.fatal.handshakeContext
            : capture.handshakeContext;
    Object sslConfig = jsse.field(transportContext, "sslConfig");
    boolean client = jsse.booleanField(sslConfig, "isClientMode");
    Side side = client ? Side.CLIENT : Side.SERVER;
    Object transport = jsse.field(transportContext, "transport");

    HandshakeEvidence.Builder b = HandshakeEvidence.builder(side);
    String host = peerHost(transport);
    int port = peerPort(transport);
    b.peer(host, port);
    if (peers != null && client) {
      // Client side only: the inventory keeps a server-side record per listening port, not per
      // client, so it cannot say what changed for this one client (docs/design.md).
      b.lastGood(LastGoodHandshake.of(peers.lastHealthy(true, host, port)));
    }
    b.local(localConfiguration(transportContext, sslConfig, handshakeContext));
    b.origin(origin);
    b.failure(thrown);
    b.failedAt(Instant.now());
    b.renegotiation(jsse.booleanField(transportContext, "isNegotiated"));
    b.elapsed(Duration.ofNanos(System.nanoTime() - capture.startNanos));

    List<String> sent = new ArrayList<>();
    List<String> received = new ArrayList<>();
    byte[] clientHello = null;
    byte[] serverHello = null;
    byte[] certificate = null;
    byte[] localCertificate = null;
    byte[] certificateRequest = null;
    for (CapturedMessage m : capture.messages) {
      (m.isOutbound() ? sent : received).add(TlsNames.handshakeType(m.type()));
      boolean fromPeer = !m.isOutbound();
      switch (m.type()) {
        case HANDSHAKE_TYPE_CLIENT_HELLO:
          clientHello = body(m);
          break;
        case HANDSHAKE_TYPE_SERVER_HELLO:
          serverHello = body(m);
          break;
        case HANDSHAKE_TYPE_CERTIFICATE:
          if (fromPeer) {
            certificate = body(m);
          } else {
            localCertificate = body(m);
          }
          break;
        case HANDSHAKE_TYPE_CERTIFICATE_REQUEST:
          certificateRequest = body(m);
          break;
        default:
          break;
      }
    }
    b.messagesSent(sent).messagesReceived(received);
    InjectedFaults.maybeFail("parser"); // test only
    ClientHelloSummary clientHelloSummary =
        clientHello == null ? null : ClientHelloParser.parse(clientHello);
    ServerHelloSummary serverHelloSummary =
        serverHello == null ? null : ServerHelloParser.parse(serverHello);
    b.clientHello(clientHelloSummary).serverHello(serverHelloSummary);
    boolean tls13 = serverHelloSummary != null && "TLSv1.3".equals(serverHelloSummary.version());

    List<CertificateSummary> peerChain =
        certificate == null ? List.of() : summarise(CertificateMessageParser.parse(certificate, tls13));
    b.peerCertificates(peerChain);
    if (localCertificate != null) {
      b.localCertificates(summarise(CertificateMessageParser.parse(localCertificate, tls13)));
    }
    CertificateRequestSummary request =
        certificateRequest == null ? null : CertificateRequestParser.parse(certificateRequest, tls13);
    if (request == null && client) {
      List<String> authorities = principals(jsse.field(handshakeContext, "peerSupportedAuthorities"));
      if (authorities != null && capture.clientCredentialsAsked) {
        request = new CertificateRequestSummary(authorities, List.of());
      }
    }
    b.certificateRequest(request);

    if (capture.trustChecked) {
      List<CertificateSummary> chain =
          capture.trustedChain instanceof X509Certificate[]
              ? CertificateSummary.ofChain((X509Certificate[]) capture.trustedChain)
              : peerChain;
      b.trust(
          new TrustDecision(
              chain,
              authType(serverHelloSummary),
              capture.peerIsServer,
              trustFailure(capture)));
    }
    if (capture.clientCredentialsAsked) {
      Object certs = jsse.field(capture.clientPossession, "popCerts");
      b.clientCredentials(
          new ClientCredentialChoice(
              capture.clientKeyTypes == null ? List.of() : Arrays.asList(capture.clientKeyTypes),
              certs instanceof X509Certificate[]
                  ? CertificateSummary.ofChain((X509Certificate[]) certs)
                  : List.of()));
    }

    if (capture.fatal != null) {
      String alert = alertDescription(capture.fatal.alert);
      b.jsseAlert(alert);
      if (alert != null && capture.fatal.alertReceived) {
        b.alertReceived(new AlertSummary(alert, true));
      } else if (alert != null && capture.fatal.alertLikelySent) {
        b.alertSent(new AlertSummary(alert, true));
      }
    }
    b.peerBytesSample(nonTlsPeerBytes(capture.peerRawSample, transportContext));
    return b.build();
  }

  /** A rejection fails the handshake inside the trust check, so its cause is the verdict. */
  private static Throwable trustFailure(CaptureSnapshot capture) {
    if (capture.trustFailure != null) {
      return capture.trustFailure;
    }
    if (capture.trustPending && capture.fatal != null) {
      return capture.fatal.cause != null ? capture.fatal.cause : new Exception(capture.fatal.diagnostic);
    }
    return null;
  }

  private static byte[] body(CapturedMessage m) {
    byte[] bytes = m.bytes();
    return bytes.length < 4 ? new byte[0] : Arrays.copyOfRange(bytes, 4, bytes.length);
  }

  private String peerHost(Object transport) {
    if (transport instanceof SSLEngine) {
      return ((SSLEngine) transport).getPeerHost();
    }
    Object host = jsse.call(transport, "getPeerHost");
    if (host instanceof String) {
      return (String) host;
    }
    if (transport instanceof Socket && ((Socket) transport).getInetAddress() != null) {
      return ((Socket) transport).getInetAddress().getHostAddress();
    }
    return null;
  }

  private static int peerPort(Object transport) {
    if (transport instanceof SSLEngine) {
      return ((SSLEngine) transport).getPeerPort();
    }
    if (transport instanceof Socket) {
      int port = ((Socket) transport).getPort();
      return port == 0 ? -1 : port;
    }
    return -1;
  }

  private LocalConfiguration localConfiguration(
      Object transportContext, Object sslConfig, Object handshakeContext) {
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.enabledProtocols(jsse.displayNames(jsse.field(sslConfig, "enabledProtocols")));
    c.enabledCipherSuites(jsse.displayNames(jsse.field(sslConfig, "enabledCipherSuites")));
    if (handshakeContext != null) {
      c.activeProtocols(jsse.displayNames(jsse.field(handshakeContext, "activeProtocols")));
      c.activeCipherSuites(jsse.displayNames(jsse.field(handshakeContext, "activeCipherSuites")));
    }
    c.serverNames(hostNames(jsse.field(sslConfig, "serverNames")));
    Object identification = jsse.field(sslConfig, "identificationProtocol");
    c.endpointIdentificationAlgorithm(identification instanceof String ? (String) identification : null);
    c.clientAuth(clientAuth(jsse.field(sslConfig, "clientAuthType")));
    c.applicationProtocols(jsse.displayNames(jsse.field(sslConfig, "applicationProtocols")));
    Object matchers = jsse.field(sslConfig, "sniMatchers");
    c.hasServerNameMatchers(matchers instanceof Collection && !((Collection<?>) matchers).isEmpty());
    c.disabledTlsAlgorithms(Security.getProperty("jdk.tls.disabledAlgorithms"));
    c.disabledCertPathAlgorithms(Security.getProperty("jdk.certpath.disabledAlgorithms"));
    Object sslContext = jsse.field(transportContext, "sslContext");
    List<PolicySetting> settings = policy.read();
    c.policy(settings);
    boolean clientMode = jsse.booleanField(sslConfig, "isClientMode");
    c.protocolsSource(listSource(
        jsse.displayNames(jsse.field(sslConfig, "enabledProtocols")),
        jsse.displayNames(jsse.call(sslContext, clientMode ? "getClientDefaultProtocolVersions" : "getServerDefaultProtocolVersions")),
        settings, clientMode ? "jdk.tls.client.protocols" : "jdk.tls.server.protocols", "https.protocols",
        "SSLParameters.setProtocols"));
    c.cipherSuitesSource(listSource(
        jsse.displayNames(jsse.field(sslConfig, "enabledCipherSuites")),
        jsse.displayNames(jsse.call(sslContext, clientMode ? "getClientDefaultCipherSuites" : "getServerDefaultCipherSuites")),
        settings, clientMode ? "jdk.tls.client.cipherSuites" : "jdk.tls.server.cipherSuites", "https.cipherSuites",
        "SSLParameters.setCipherSuites"));
    c.trustedIssuers(trustedIssuers(sslContext));
    c.keyTypes(keyTypes(sslContext, jsse.booleanField(sslConfig, "isClientMode")));
    return c.build();
  }

  /**
   * What chose an enabled list: the context's defaults come from {@code defaultsProperty} when it
   * is set (else SunJSSE); a list that differs from them was set by the application, or by
   * HttpsURLConnection from {@code httpsProperty}.
   */
  private static PolicySetting listSource(
      List<String> enabled, List<String> defaults, List<PolicySetting> settings,
      String defaultsProperty, String httpsProperty, String applicationCall) {
    if (enabled == null || defaults == null) {
      return null;
    }
    if (enabled.equals(defaults)) {
      PolicySetting property = setting(settings, defaultsProperty);
      return property != null && property.isSet()
          ? property
          : new PolicySetting("SunJSSE default", String.join(",", defaults), PolicyOrigin.PROVIDER_DEFAULT, null);
    }
    PolicySetting https = setting(settings, httpsProperty);
    if (https != null && https.isSet() && sameNames(https.value(), enabled)) {
      return https;
    }
    return new PolicySetting(applicationCall, String.join(",", enabled), PolicyOrigin.APPLICATION, null);
  }

  private static PolicySetting setting(List<PolicySetting> settings, String name) {
    for (PolicySetting s : settings) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static boolean sameNames(String csv, List<String> names) {
    List<String> listed = new ArrayList<>();
    for (String n : csv.split(",")) {
      if (!n.trim().isEmpty()) {
        listed.add(n.trim());
      }
    }
    return listed.size() == names.size() && listed.containsAll(names);
  }

  private static List<String> hostNames(Object serverNames) {
    List<String> out = new ArrayList<>();
    if (serverNames instanceof Collection) {
      for (Object name : (Collection<?>) serverNames) {
        if (name instanceof SNIHostName) {
          out.add(((SNIHostName) name).getAsciiName());
        } else if (name instanceof SNIServerName) {
          out.add(name.toString());
        }
      }
    }
    return out;
  }

  private ClientAuthMode clientAuth(Object clientAuthType) {
    String name = jsse.displayName(clientAuthType);
    if (name == null) {
      return ClientAuthMode.NONE;
    }
    if (name.endsWith("REQUIRED")) {
      return ClientAuthMode.REQUIRED;
    }
    if (name.endsWith("REQUESTED")) {
      return ClientAuthMode.WANTED;
    }
    return ClientAuthMode.NONE;
  }

  private List<String> trustedIssuers(Object sslContext) {
    Object trustManager = jsse.call(sslContext, "getX509TrustManager");
    if (!(trustManager instanceof X509TrustManager)) {
      return null;
    }
    try {
      X509Certificate[] issuers = ((X509TrustManager) trustManager).getAcceptedIssuers();
      if (issuers == null) {
        return null;
      }
      List<String> out = new ArrayList<>(Math.min(issuers.length, MAX_TRUSTED_ISSUERS));
      for (X509Certificate issuer : issuers) {
        if (out.size() >= MAX_TRUSTED_ISSUERS) {
          break;
        }
        out.add(issuer.getSubjectX500Principal().getName());
      }
      return out;
    } catch (RuntimeException e) {
      return null; // a custom trust manager that will not say
    }
  }

  private static final String[] KEY_TYPES = {"RSA", "EC", "RSASSA-PSS", "EdDSA", "DSA"};

  /** Which key algorithms the key manager can offer on this side (asked by type, at failure). */
  private List<String> keyTypes(Object sslContext, boolean client) {
    Object keyManager = jsse.call(sslContext, "getX509KeyManager");
    if (!(keyManager instanceof X509KeyManager)) {
      return null;
    }
    X509KeyManager km = (X509KeyManager) keyManager;
    List<String> out = new ArrayList<>();
    try {
      for (String type : KEY_TYPES) {
        String[] aliases = client ? km.getClientAliases(type, null) : km.getServerAliases(type, null);
        if (aliases != null && aliases.length > 0) {
          out.add(type);
        }
      }
    } catch (RuntimeException e) {
      return null; // a custom key manager that will not say
    }
    return out;
  }

  private static List<String> principals(Object authorities) {
    if (!(authorities instanceof X500Principal[])) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (X500Principal p : (X500Principal[]) authorities) {
      out.add(p.getName());
    }
    return out;
  }

  private String alertDescription(Object alert) {
    Object description = jsse.field(alert, "description");
    if (description instanceof String) {
      return (String) description;
    }
    return alert instanceof Enum ? ((Enum<?>) alert).name().toLowerCase(java.util.Locale.ROOT) : null;
  }

  /** TLS 1.2's auth type is the key exchange of the suite; TLS 1.3 has none. */
  private static String authType(ServerHelloSummary serverHello) {
    if (serverHello == null || serverHello.cipherSuite() == null) {
      return null;
    }
    if ("TLSv1.3".equals(serverHello.version())) {
      return "UNKNOWN";
    }
    String suite = serverHello.cipherSuite();
    int with = suite.indexOf("_WITH_");
    return suite.startsWith("TLS_") && with > 4 ? suite.substring(4, with) : null;
  }

  private static List<CertificateSummary> summarise(List<byte[]> ders) {
    List<CertificateSummary> out = new ArrayList<>(ders.size());
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : ders) {
        try {
          out.add(
              CertificateSummary.of(
                  (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der))));
        } catch (Exception e) {
          // An unparsable certificate is left out; the rest of the chain still tells.
        }
      }
    } catch (Exception e) {
      // No X.509 factory: no certificate facts.
    }
    return out;
  }

  /** Raw peer bytes, kept only when they are not the start of a TLS record. */
  private byte[] nonTlsPeerBytes(byte[] engineSample, Object transportContext) {
    byte[] sample = engineSample;
    if (sample == null) {
      Object inputRecord = jsse.field(transportContext, "inputRecord");
      Object header = jsse.field(inputRecord, "header");
      if (header instanceof byte[]) {
        sample = ((byte[]) header).clone();
      }
    }
    if (sample == null || allZero(sample) || PeerBytes.isTls(sample)) {
      return null;
    }
    return sample;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true; // includes empty: nothing was read from the peer
  }
}
