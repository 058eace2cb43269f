package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.CertificateRequestSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.ServerHelloSummary;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** Messages built byte by byte, for shapes a JSSE-to-JSSE handshake never produces. */
class HandBuiltMessagesTest {

  static byte[] clientHelloWithGrease() {
    WireBytes extensions = WireBytes.of()
        .extension(0x1A1A, WireBytes.of()) // GREASE extension
        .extension(0, WireBytes.of().vector16(
            WireBytes.of().u8(0).vector16(WireBytes.of().ascii("api.example.org"))))
        .extension(10, WireBytes.of().vector16(WireBytes.of().u16(0x2A2A, 0x11EC, 0x001D, 0x0017)))
        .extension(13, WireBytes.of().vector16(WireBytes.of().u16(0x0403, 0x0804, 0x0401, 0x0807)))
        .extension(16, WireBytes.of().vector16(WireBytes.of()
            .vector8(WireBytes.of().ascii("h2")).vector8(WireBytes.of().ascii("http/1.1"))))
        .extension(43, WireBytes.of().vector8(WireBytes.of().u16(0xCACA, 0x0304, 0x0303)))
        .extension(51, WireBytes.of().vector16(WireBytes.of()
            .u16(0x3A3A).vector16(WireBytes.of().u8(0))
            .u16(0x001D).vector16(WireBytes.of().zeros(32))));
    return WireBytes.of()
        .u16(0x0303).zeros(32)
        .vector8(WireBytes.of().zeros(32))
        .vector16(WireBytes.of().u16(0x0A0A, 0x1301, 0xC02F, 0x00FF, 0x5600, 0x1234))
        .vector8(WireBytes.of().u8(0))
        .vector16(extensions)
        .bytes();
  }

  @Test
  void clientHelloNamesEverythingAndLeavesGreaseOut() {
    ClientHelloSummary hello = ClientHelloParser.parse(clientHelloWithGrease());

    assertFalse(hello.isMalformed());
    assertEquals("TLSv1.2", hello.legacyVersion());
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), hello.supportedVersions());
    assertEquals(
        List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV", "0x1234"),
        hello.cipherSuites());
    assertEquals(List.of("api.example.org"), hello.serverNames());
    assertEquals(List.of("h2", "http/1.1"), hello.applicationProtocols());
    assertEquals(List.of("X25519MLKEM768", "x25519", "secp256r1"), hello.supportedGroups());
    assertEquals(
        List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "rsa_pkcs1_sha256", "ed25519"),
        hello.signatureSchemes());
    assertEquals(List.of("x25519"), hello.keyShareGroups());
  }

  @Test
  void clientHelloWithoutExtensionsIsLegalAndNotMalformed() {
    byte[] body = WireBytes.of().u16(0x0301).zeros(32).vector8(WireBytes.of())
        .vector16(WireBytes.of().u16(0x002F)).vector8(WireBytes.of().u8(0)).bytes();
    ClientHelloSummary hello = ClientHelloParser.parse(body);
    assertFalse(hello.isMalformed());
    assertEquals("TLSv1", hello.legacyVersion());
    assertEquals(List.of("TLSv1"), hello.offeredVersions());
    assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA"), hello.cipherSuites());
  }

  @Test
  void clientHelloWithAnExtensionRunningPastTheEndKeepsWhatCameBefore() {
    byte[] full = clientHelloWithGrease();
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
    ClientHelloSummary hello = ClientHelloParser.parse(cut);
    assertTrue(hello.isMalformed());
    assertEquals(5, hello.cipherSuites().size());
    assertEquals(List.of("api.example.org"), hello.serverNames());
  }

  @Test
  void helloRetryRequestIsRecognisedByItsRandomAndNamesTheRequestedGroup() {
    byte[] body = WireBytes.of()
        .u16(0x0303).raw(ServerHelloParser.HELLO_RETRY_REQUEST_RANDOM)
        .vector8(WireBytes.of().zeros(32)).u16(0x1302).u8(0)
        .vector16(WireBytes.of()
            .extension(43, WireBytes.of().u16(0x0304))
            .extension(51, WireBytes.of().u16(0x0018)))
        .bytes();
    ServerHelloSummary hrr = ServerHelloParser.parse(body);
    assertTrue(hrr.isHelloRetryRequest());
    assertFalse(hrr.isMalformed());
    assertEquals("TLSv1.3", hrr.version());
    assertEquals("TLS_AES_256_GCM_SHA384", hrr.cipherSuite());
    assertEquals("secp384r1", hrr.selectedGroup());
  }

  @Test
  void serverHelloWithoutSupportedVersionsReportsItsVersionField() {
    byte[] body = WireBytes.of().u16(0x0302).zeros(32).vector8(WireBytes.of()).u16(0x0035).u8(0)
        .bytes();
    ServerHelloSummary hello = ServerHelloParser.parse(body);
    assertFalse(hello.isMalformed());
    assertFalse(hello.isHelloRetryRequest());
    assertEquals("TLSv1.1", hello.version());
    assertEquals("TLS_RSA_WITH_AES_256_CBC_SHA", hello.cipherSuite());
  }

  private static WireBytes authorities(String... dns) {
    WireBytes list = WireBytes.of();
    for (String dn : dns) {
      list.vector16(WireBytes.of().raw(new X500Principal(dn).getEncoded()));
    }
    return list;
  }

  @Test
  void tls13CertificateRequestReadsSignatureAlgorithmsAndAuthoritiesExtensions() {
    byte[] body = WireBytes.of().vector8(WireBytes.of())
        .vector16(WireBytes.of()
            .extension(13, WireBytes.of().vector16(WireBytes.of().u16(0x0403, 0x0804)))
            .extension(47, WireBytes.of().vector16(authorities("CN=Root A,O=A", "CN=Root B"))))
        .bytes();
    CertificateRequestSummary request = CertificateRequestParser.parse(body, true);
    assertEquals(List.of("CN=Root A,O=A", "CN=Root B"), request.authorities());
    assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"), request.signatureSchemes());
  }

  @Test
  void tls10CertificateRequestWithoutSignatureAlgorithmsStillYieldsAuthorities() {
    byte[] body = WireBytes.of().vector8(WireBytes.of().u8(1).u8(64))
        .vector16(authorities("CN=Legacy CA,C=US")).bytes();
    CertificateRequestSummary request = CertificateRequestParser.parse(body, false);
    assertEquals(List.of("CN=Legacy CA,C=US"), request.authorities());
    assertTrue(request.signatureSchemes().isEmpty());
  }

  @Test
  void certificateRequestWithAnUndecodableAuthoritySaysSo() {
    byte[] body = WireBytes.of().vector8(WireBytes.of().u8(64)).vector16(WireBytes.of().u16(0x0403))
        .vector16(WireBytes.of().vector16(WireBytes.of().u8(0x30).u8(0x05).u8(1))).bytes();
    CertificateRequestSummary request = CertificateRequestParser.parse(body, false);
    assertEquals(List.of("undecodable distinguished name (3 bytes)"), request.authorities());
  }

  @Test
  void tls13CertificateMessageSkipsRequestContextAndPerEntryExtensions() {
    byte[] body = WireBytes.of().vector8(WireBytes.of().u8(7))
        .vector24(WireBytes.of()
            .vector24(WireBytes.of().ascii("leaf")).vector16(WireBytes.of().u16(5, 0))
            .vector24(WireBytes.of().ascii("issuer")).vector16(WireBytes.of()))
        .bytes();
    List<byte[]> chain = CertificateMessageParser.parse(body, true);
    assertEquals(2, chain.size());
    assertEquals("leaf", new String(chain.get(0), java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals("issuer", new String(chain.get(1), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void alertOfTwoBytesIsReadAndAnythingElseIsNot() {
    AlertSummary alert = AlertParser.parse(new byte[] {2, 116});
    assertTrue(alert.isFatal());
    assertEquals("certificate_required", alert.description());
    assertEquals("no_application_protocol", AlertParser.parse(new byte[] {2, 120}).description());
    assertFalse(AlertParser.parse(new byte[] {1, 0}).isFatal());
    assertNull(AlertParser.parse(new byte[] {2}));
    assertNull(AlertParser.parse(new byte[] {2, 40, 0}));
    assertNull(AlertParser.parse(new byte[] {7, 40}));
    assertNull(AlertParser.parse(null));
  }

  @Test
  void namesFollowJsseAndUnknownCodesAreHex() {
    assertEquals("TLS_AES_128_GCM_SHA256", TlsNames.cipherSuite(0x1301));
    assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsNames.cipherSuite(0xC02C));
    assertEquals("0xABCD", TlsNames.cipherSuite(0xABCD));
    assertEquals("TLSv1", TlsNames.protocolVersion(0x0301));
    assertEquals("SSLv3", TlsNames.protocolVersion(0x0300));
    assertEquals("SSLv2Hello", TlsNames.protocolVersion(0x0002));
    assertEquals("secp256r1", TlsNames.namedGroup(23));
    assertEquals("secp521r1", TlsNames.namedGroup(25));
    assertEquals("x25519", TlsNames.namedGroup(29));
    assertEquals("ffdhe2048", TlsNames.namedGroup(0x0100));
    assertEquals("rsa_pkcs1_sha256", TlsNames.signatureScheme(0x0401));
    assertEquals("handshake_failure", TlsNames.alertDescription(40));
    assertEquals("certificate_request", TlsNames.handshakeType(13));
    assertEquals("message_hash", TlsNames.handshakeType(254));
    assertEquals("0xFFFFFFFF", TlsNames.cipherSuite(-1));
    for (int i = 0; i < 16; i++) {
      assertTrue(TlsNames.isGrease(i * 0x1010 + 0x0A0A));
    }
    assertFalse(TlsNames.isGrease(0x0A1A));
    assertFalse(TlsNames.isGrease(0x1301));
    assertFalse(TlsNames.isGrease(0x10A0A));
  }

  @Test
  void onlyWellFramedDerSequencesReachTheJdksNameDecoder() {
    assertTrue(CertificateAuthorities.looksLikeDerSequence(new byte[] {0x30, 0x00}));
    assertTrue(CertificateAuthorities.looksLikeDerSequence(new byte[] {0x30, 0x01, 0x05}));
    byte[] longForm = new byte[4 + 300];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x82;
    longForm[2] = 0x01;
    longForm[3] = 0x2c;
    assertTrue(CertificateAuthorities.looksLikeDerSequence(longForm));
    assertFalse(CertificateAuthorities.looksLikeDerSequence(new byte[0]));
    assertFalse(CertificateAuthorities.looksLikeDerSequence(new byte[] {0x00, 0x00}));
    assertFalse(CertificateAuthorities.looksLikeDerSequence(new byte[] {0x30, 0x05, 0x01}));
    assertFalse(CertificateAuthorities.looksLikeDerSequence(new byte[] {0x30, (byte) 0x80}));
    assertEquals(null, CertificateAuthorities.decode(new byte[] {0x30, 0x03, 0x01}));
    assertEquals("", CertificateAuthorities.decode(new byte[] {0x30, 0x00}));
  }
}
