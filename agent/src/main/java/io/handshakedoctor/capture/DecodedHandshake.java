package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.ServerHelloSummary;
import io.handshakedoctor.wire.CertificateMessageParser;
import io.handshakedoctor.wire.CertificateRequestParser;
import io.handshakedoctor.wire.ClientHelloParser;
import io.handshakedoctor.wire.ServerHelloParser;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The handshake messages a failed handshake's hooks captured, decoded through the wire parsers.
 * Engine-neutral: SunJSSE's messages and a native engine's clear records decode the same way.
 * Made once per failure.
 */
public final class DecodedHandshake {
  public static final int CLIENT_HELLO = 1;
  public static final int SERVER_HELLO = 2;
  public static final int CERTIFICATE = 11;
  public static final int CERTIFICATE_REQUEST = 13;

  private final ClientHelloSummary clientHello;
  private final ServerHelloSummary serverHello;
  private final List<CertificateSummary> peerChain;
  private final List<CertificateSummary> localChain;
  private final CertificateRequestSummary certificateRequest;

  private DecodedHandshake(
      ClientHelloSummary clientHello,
      ServerHelloSummary serverHello,
      List<CertificateSummary> peerChain,
      List<CertificateSummary> localChain,
      CertificateRequestSummary certificateRequest) {
    this.clientHello = clientHello;
    this.serverHello = serverHello;
    this.peerChain = peerChain;
    this.localChain = localChain;
    this.certificateRequest = certificateRequest;
  }

  /** Message bodies (after the 4-byte header), each null when it was not captured. */
  public static DecodedHandshake decode(
      byte[] clientHello, byte[] serverHello, byte[] peerCertificate, byte[] localCertificate,
      byte[] certificateRequest) {
    ServerHelloSummary server = serverHello == null ? null : ServerHelloParser.parse(serverHello);
    boolean tls13 = server != null && "TLSv1.3".equals(server.version());
    return new DecodedHandshake(
        clientHello == null ? null : ClientHelloParser.parse(clientHello),
        server,
        peerCertificate == null ? List.of() : certificates(CertificateMessageParser.parse(peerCertificate, tls13)),
        localCertificate == null ? null : certificates(CertificateMessageParser.parse(localCertificate, tls13)),
        certificateRequest == null ? null : CertificateRequestParser.parse(certificateRequest, tls13));
  }

  /**
   * Adds the hellos and this side's chain. The peer's chain and the CertificateRequest are the
   * engine's to add: it may know them better (the trust manager's input, an engine's own copy).
   */
  public void addTo(HandshakeEvidence.Builder b) {
    b.clientHello(clientHello).serverHello(serverHello);
    if (localChain != null) {
      b.localCertificates(localChain);
    }
  }

  /** The peer's chain as its Certificate message carried it; empty when none was seen. */
  public List<CertificateSummary> peerChain() {
    return peerChain;
  }

  /** The CertificateRequest seen on the wire, or null. */
  public CertificateRequestSummary certificateRequest() {
    return certificateRequest;
  }

  /** The trust manager's auth type: TLS 1.2's is the key exchange of the suite; TLS 1.3 has none. */
  public String authType() {
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

  /** A chain a trust manager was given ({@code X509Certificate[]}), else {@code otherwise}. */
  public static List<CertificateSummary> chainOr(Object chain, List<CertificateSummary> otherwise) {
    return chain instanceof X509Certificate[] ? CertificateSummary.ofChain((X509Certificate[]) chain) : otherwise;
  }

  private static List<CertificateSummary> certificates(List<byte[]> ders) {
    List<CertificateSummary> out = new ArrayList<>(ders.size());
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : ders) {
        try {
          out.add(CertificateSummary.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der))));
        } catch (Exception e) {
          // An unparsable certificate is left out; the rest of the chain still tells.
        }
      }
    } catch (Exception e) {
      // No X.509 factory: no certificate facts.
    }
    return out;
  }
}
