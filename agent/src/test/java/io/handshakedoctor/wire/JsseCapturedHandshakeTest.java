package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.ServerHelloSummary;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** Parses bytes that JSSE itself produced in real in-memory handshakes. */
class JsseCapturedHandshakeTest {
  private static final String SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

  private static SSLEngine configuredClient(String... protocols) throws Exception {
    return configure(JsseHandshake.client(), protocols);
  }

  private static SSLEngine configure(SSLEngine client, String... protocols) {
    SSLParameters params = client.getSSLParameters();
    params.setProtocols(protocols);
    params.setServerNames(List.of(new SNIHostName("server.example.com")));
    params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    client.setSSLParameters(params);
    return client;
  }

  private static SSLEngine configuredServer() throws Exception {
    return configure(JsseHandshake.server());
  }

  private static SSLEngine configure(SSLEngine server) {
    SSLParameters params = server.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    server.setSSLParameters(params);
    return server;
  }

  private static HandshakeMessage first(List<HandshakeMessage> messages, int type) {
    for (HandshakeMessage m : messages) {
      if (m.type() == type) {
        return m;
      }
    }
    throw new AssertionError("no " + TlsNames.handshakeType(type) + " in " + messages);
  }

  private static List<String> withoutScsv(String[] suites) {
    List<String> list = new ArrayList<>(Arrays.asList(suites));
    list.remove(SCSV);
    return list;
  }

  @Test
  void clientHelloFromJsseListsTheEnabledCipherSuites() throws Exception {
    SSLEngine client = configuredClient("TLSv1.3", "TLSv1.2");
    JsseHandshake.Capture capture = JsseHandshake.run(client, configuredServer());

    RecordStream stream = TlsRecordParser.parse(capture.clientBytes());
    ClientHelloSummary hello = ClientHelloParser.parse(first(stream.handshakeMessages(), 1).body());

    assertFalse(hello.isMalformed());
    List<String> offered = new ArrayList<>(hello.cipherSuites());
    offered.remove(SCSV);
    assertEquals(withoutScsv(client.getEnabledCipherSuites()), offered);
  }

  @Test
  void clientHelloFromJsseCarriesVersionsSniAndAlpn() throws Exception {
    SSLEngine client = configuredClient("TLSv1.3", "TLSv1.2");
    JsseHandshake.Capture capture = JsseHandshake.run(client, configuredServer());

    ClientHelloSummary hello = ClientHelloParser.parse(
        first(TlsRecordParser.parse(capture.clientBytes()).handshakeMessages(), 1).body());

    assertEquals("TLSv1.2", hello.legacyVersion());
    assertEquals(Set.of(client.getEnabledProtocols()), new HashSet<>(hello.supportedVersions()));
    assertEquals(List.of("server.example.com"), hello.serverNames());
    assertEquals(List.of("h2", "http/1.1"), hello.applicationProtocols());
    assertTrue(hello.supportedGroups().contains("x25519"), hello.supportedGroups().toString());
    assertTrue(hello.supportedGroups().contains("secp256r1"));
    assertFalse(hello.keyShareGroups().isEmpty());
    assertTrue(hello.signatureSchemes().contains("ecdsa_secp256r1_sha256"));
    assertTrue(hello.signatureSchemes().contains("rsa_pss_rsae_sha256"));
  }

  @Test
  void serverHelloFromJsseTls13NamesTheNegotiatedSuiteVersionAndGroup() throws Exception {
    SSLEngine client = configuredClient("TLSv1.3", "TLSv1.2");
    SSLEngine server = configuredServer();
    JsseHandshake.Capture capture = JsseHandshake.run(client, server);
    assertNull(capture.serverFailure);
    assertNull(capture.clientFailure);

    RecordStream stream = TlsRecordParser.parse(capture.serverBytes());
    assertFalse(stream.notTls());
    assertFalse(stream.truncated());
    // Only the ServerHello is plaintext in TLS 1.3; the rest is encrypted application_data.
    assertEquals(1, stream.handshakeMessages().size(), stream.toString());
    ServerHelloSummary hello = ServerHelloParser.parse(stream.handshakeMessages().get(0).body());

    assertFalse(hello.isMalformed());
    assertFalse(hello.isHelloRetryRequest());
    assertEquals("TLSv1.3", hello.version());
    assertEquals(client.getSession().getCipherSuite(), hello.cipherSuite());
    assertEquals(client.getSession().getProtocol(), hello.version());
    assertEquals("x25519", hello.selectedGroup());
    assertNull(hello.applicationProtocol(), "TLS 1.3 sends ALPN in EncryptedExtensions");
  }

  @Test
  void serverHelloFromJsseTls12NamesSuiteAlpnAndCarriesTheCertificate() throws Exception {
    SSLEngine client = configuredClient("TLSv1.2");
    SSLEngine server = configuredServer();
    JsseHandshake.Capture capture = JsseHandshake.run(client, server);
    assertNull(capture.serverFailure);

    RecordStream stream = TlsRecordParser.parse(capture.serverBytes());
    List<HandshakeMessage> messages = stream.handshakeMessages();
    ServerHelloSummary hello = ServerHelloParser.parse(first(messages, 2).body());
    assertFalse(hello.isMalformed());
    assertEquals("TLSv1.2", hello.version());
    assertEquals(server.getSession().getCipherSuite(), hello.cipherSuite());
    assertEquals("http/1.1", hello.applicationProtocol());
    assertNull(hello.selectedGroup());

    List<byte[]> chain = CertificateMessageParser.parse(first(messages, 11).body(), false);
    assertEquals(1, chain.size());
    assertArrayEquals(JsseHandshake.certificate().getEncoded(), chain.get(0));
    // The encrypted Finished after change_cipher_spec is not taken for a handshake message;
    // the TLS 1.2 NewSessionTicket before it is plaintext and is.
    List<String> types = new ArrayList<>();
    for (HandshakeMessage m : messages) {
      types.add(m.typeName());
    }
    assertEquals(
        List.of("server_hello", "certificate", "server_key_exchange", "server_hello_done",
            "new_session_ticket"),
        types);
  }

  @Test
  void clientHelloFromJsseTls12OnlyOffersOnlyTls12() throws Exception {
    SSLEngine client = configuredClient("TLSv1.2");
    JsseHandshake.Capture capture = JsseHandshake.run(client, configuredServer());

    ClientHelloSummary hello = ClientHelloParser.parse(
        first(TlsRecordParser.parse(capture.clientBytes()).handshakeMessages(), 1).body());
    assertFalse(hello.isMalformed());
    assertEquals(List.of("TLSv1.2"), hello.offeredVersions());
    List<String> offered = new ArrayList<>(hello.cipherSuites());
    offered.remove(SCSV);
    List<String> expected = new ArrayList<>();
    for (String suite : withoutScsv(client.getEnabledCipherSuites())) {
      if (!suite.startsWith("TLS_AES_") && !suite.startsWith("TLS_CHACHA20_")) {
        expected.add(suite); // JSSE leaves out suites no enabled protocol can use
      }
    }
    assertEquals(expected, offered);
  }

  @Test
  void certificateRequestFromJsseTls12NamesTheAcceptedAuthority() throws Exception {
    SSLEngine client = configuredClient("TLSv1.2");
    SSLEngine server = configuredServer();
    server.setNeedClientAuth(true);
    JsseHandshake.Capture capture = JsseHandshake.run(client, server);
    assertNull(capture.serverFailure);

    List<HandshakeMessage> messages = TlsRecordParser.parse(capture.serverBytes()).handshakeMessages();
    CertificateRequestSummary request = CertificateRequestParser.parse(first(messages, 13).body(), false);
    assertEquals(
        List.of(JsseHandshake.certificate().getSubjectX500Principal().getName()),
        request.authorities());
    assertTrue(request.signatureSchemes().contains("ecdsa_secp256r1_sha256"));
  }

  @Test
  void helloRetryRequestFromJsseIsRecognisedWithTheGroupItAsksFor() throws Exception {
    // An RSA certificate, so that refusing P-256 key agreement leaves the server able to sign.
    SSLEngine client = configure(JsseHandshake.client("RSA"), "TLSv1.3");
    SSLEngine server = configure(JsseHandshake.server("RSA"));
    // JSSE clients send x25519 and secp256r1 key shares; a server refusing both must ask for
    // another group (secp384r1, next in JSSE's default order) with a HelloRetryRequest.
    SSLParameters params = server.getSSLParameters();
    params.setAlgorithmConstraints(new RefuseDefaultKeyShareGroups());
    server.setSSLParameters(params);
    JsseHandshake.Capture capture = JsseHandshake.run(client, server);
    assertNull(capture.serverFailure);
    assertNull(capture.clientFailure);

    RecordStream serverStream = TlsRecordParser.parse(capture.serverBytes());
    List<HandshakeMessage> serverHellos = new ArrayList<>();
    for (HandshakeMessage m : serverStream.handshakeMessages()) {
      if (m.type() == 2) {
        serverHellos.add(m);
      }
    }
    assertEquals(2, serverHellos.size(), serverStream.toString());
    ServerHelloSummary retry = ServerHelloParser.parse(serverHellos.get(0).body());
    assertTrue(retry.isHelloRetryRequest());
    assertEquals("TLSv1.3", retry.version());
    assertEquals("secp384r1", retry.selectedGroup());
    assertFalse(retry.isMalformed());
    ServerHelloSummary hello = ServerHelloParser.parse(serverHellos.get(1).body());
    assertFalse(hello.isHelloRetryRequest());
    assertEquals("secp384r1", hello.selectedGroup());

    // The second ClientHello follows the client's change_cipher_spec and is still read.
    List<HandshakeMessage> clientMessages = TlsRecordParser.parse(capture.clientBytes()).handshakeMessages();
    assertEquals(2, clientMessages.size(), clientMessages.toString());
    ClientHelloSummary second = ClientHelloParser.parse(clientMessages.get(1).body());
    assertEquals(List.of("secp384r1"), second.keyShareGroups());
  }

  @Test
  void alertFromJsseWithNoCommonCipherSuiteIsAFatalHandshakeFailure() throws Exception {
    SSLEngine client = configuredClient("TLSv1.3");
    client.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
    SSLEngine server = configuredServer();
    server.setEnabledCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384"});
    JsseHandshake.Capture capture = JsseHandshake.run(client, server);
    assertNotNull(capture.serverFailure);

    RecordStream stream = TlsRecordParser.parse(capture.serverBytes());
    assertEquals(1, stream.alerts().size(), stream.toString());
    AlertSummary alert = stream.alerts().get(0);
    assertTrue(alert.isFatal());
    assertEquals("handshake_failure", alert.description());
    assertTrue(PeerBytes.isTls(capture.serverBytes()));
  }

  /** Refuses the x25519 and secp256r1 groups for key agreement. */
  private static final class RefuseDefaultKeyShareGroups implements AlgorithmConstraints {
    private static boolean refused(Set<CryptoPrimitive> primitives, String algorithm) {
      return primitives.contains(CryptoPrimitive.KEY_AGREEMENT)
          && ("x25519".equalsIgnoreCase(algorithm) || "secp256r1".equalsIgnoreCase(algorithm));
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
      return !refused(primitives, algorithm);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
      return true;
    }

    @Override
    public boolean permits(
        Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
      return !refused(primitives, algorithm);
    }
  }
}
