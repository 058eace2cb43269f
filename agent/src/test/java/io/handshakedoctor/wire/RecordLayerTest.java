package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.evidence.ClientHelloSummary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record-layer shapes: fragmentation, coalescing, SSLv2 hellos, non-TLS peers, truncation. */
class RecordLayerTest {
  private static final byte[] HELLO_MESSAGE =
      WireBytes.message(1, HandBuiltMessagesTest.clientHelloWithGrease());

  @Test
  void recordSplitIntoSingleByteFragmentsIsReassembled() {
    WireBytes raw = WireBytes.of();
    for (byte b : HELLO_MESSAGE) {
      raw.raw(WireBytes.record(22, new byte[] {b}));
    }
    RecordStream stream = TlsRecordParser.parse(raw.bytes(), 0, raw.size());
    assertEquals(HELLO_MESSAGE.length, stream.records().size());
    assertEquals(1, stream.handshakeMessages().size());
    assertArrayEquals(HELLO_MESSAGE, stream.handshakeMessages().get(0).encoded());
    assertFalse(stream.truncated());
  }

  @Test
  void severalHandshakeMessagesInOneRecordAreSplit() {
    byte[] fragment = WireBytes.concat(
        HELLO_MESSAGE, WireBytes.message(11, new byte[] {0, 0, 0}), WireBytes.message(14, new byte[0]));
    RecordStream stream = TlsRecordParser.parse(WireBytes.record(22, fragment), 0, 10_000);
    assertEquals(1, stream.records().size());
    assertEquals(3, stream.handshakeMessages().size());
    assertEquals("server_hello_done", stream.handshakeMessages().get(2).typeName());
  }

  @Test
  void messageSpanningRecordsIsReassembled() {
    byte[] a = Arrays.copyOfRange(HELLO_MESSAGE, 0, 3);
    byte[] b = Arrays.copyOfRange(HELLO_MESSAGE, 3, 50);
    byte[] c = Arrays.copyOfRange(HELLO_MESSAGE, 50, HELLO_MESSAGE.length);
    byte[] raw = WireBytes.concat(WireBytes.record(22, a), WireBytes.record(22, b),
        WireBytes.record(21, new byte[] {1, 0}), WireBytes.record(22, c));
    RecordStream stream = TlsRecordParser.parse(raw, 0, raw.length);
    assertEquals(1, stream.handshakeMessages().size());
    assertFalse(ClientHelloParser.parse(stream.handshakeMessages().get(0).body()).isMalformed());
    assertEquals("warning close_notify", stream.alerts().get(0).toString());
  }

  @Test
  void encryptedHandshakeAndAlertRecordsAfterChangeCipherSpecAreNotRead() {
    byte[] raw = WireBytes.concat(
        WireBytes.record(22, WireBytes.message(14, new byte[0])),
        WireBytes.record(20, new byte[] {1}),
        WireBytes.record(22, new byte[40]),
        WireBytes.record(21, new byte[26]));
    RecordStream stream = TlsRecordParser.parse(raw, 0, raw.length);
    assertEquals(1, stream.handshakeMessages().size());
    assertTrue(stream.alerts().isEmpty());
    assertEquals(4, stream.records().size());
    assertFalse(stream.truncated());
  }

  static byte[] sslv2Hello() {
    WireBytes body = WireBytes.of().u8(1).u16(0x0301).u16(9).u16(0).u16(16)
        .u8(0).u16(0x002F).u8(0).u16(0x00FF).u8(0x01).u16(0x0080).zeros(16);
    return WireBytes.of().u16(0x8000 | body.size()).raw(body.bytes()).bytes();
  }

  @Test
  void sslv2CompatibleClientHelloIsRecognised() {
    byte[] raw = sslv2Hello();
    RecordStream stream = TlsRecordParser.parse(raw, 0, raw.length);
    assertTrue(stream.sslv2CompatibleHello());
    assertFalse(stream.notTls());
    assertFalse(stream.truncated());
    ClientHelloSummary hello = stream.sslv2Hello();
    assertFalse(hello.isMalformed());
    assertEquals("TLSv1", hello.legacyVersion());
    assertEquals(
        List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "0x010080"),
        hello.cipherSuites());
    assertTrue(PeerBytes.isTls(raw));
  }

  @Test
  void httpResponseIsNotTls() {
    byte[] raw = "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    RecordStream stream = TlsRecordParser.parse(raw, 0, raw.length);
    assertTrue(stream.notTls());
    assertTrue(stream.records().isEmpty());
    assertFalse(PeerBytes.isTls(raw));
    assertEquals("an HTTP response (\"HTTP/1.1 400 Bad Request\")", PeerBytes.describe(raw));
  }

  @Test
  void fiveBytePrefixesAreEnoughToTellTlsFromText() {
    assertEquals("an HTTP response (\"HTTP/\")", PeerBytes.describe(ascii("HTTP/")));
    assertEquals("an SSH server banner (\"SSH-2\")", PeerBytes.describe(ascii("SSH-2")));
    assertEquals("an SMTP or FTP greeting (\"220 m\")", PeerBytes.describe(ascii("220 m")));
    assertFalse(PeerBytes.isTls(ascii("HTTP/")));
    assertTrue(PeerBytes.isTls(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}));
    assertTrue(PeerBytes.isTls(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02}));
    assertTrue(PeerBytes.isTls(new byte[] {0x16}));
    assertTrue(TlsRecordParser.parse(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}, 0, 5).truncated());
    assertTrue(TlsRecordParser.parse(ascii("SSH-2"), 0, 5).notTls());
  }

  @Test
  void peerBytesDescribesCommonPlainTextPeers() {
    assertEquals("a plain-text HTTP request (\"GET / HTTP/1.1\")", PeerBytes.describe(ascii("GET / HTTP/1.1\r\nHost: x\r\n")));
    assertEquals("an SSH server banner (\"SSH-2.0-OpenSSH_9.2p1\")", PeerBytes.describe(ascii("SSH-2.0-OpenSSH_9.2p1\r\n")));
    assertEquals("an SMTP or FTP greeting (\"220 mail.example.com ESMTP\")",
        PeerBytes.describe(ascii("220 mail.example.com ESMTP\r\n")));
    assertEquals("plain text (\"hello there\")", PeerBytes.describe(ascii("hello there\n")));
    assertEquals("binary data that is not a TLS record (hex 00 01 02 03 04 05 06 07 08 09)",
        PeerBytes.describe(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    assertEquals("no bytes (none were captured)", PeerBytes.describe(new byte[0]));
  }

  @Test
  void peerBytesQuotesAtMostEightyCharactersWithNonPrintablesAsDots() {
    String longLine = "HTTP/1.1 200 OK " + "x".repeat(100);
    String described = PeerBytes.describe(ascii(longLine));
    String quoted = described.substring("an HTTP response (\"".length(), described.length() - 2);
    assertEquals(longLine.substring(0, 80), quoted);
    assertEquals("an HTTP response (\"HTTP/1.1 ..\")",
        PeerBytes.describe(new byte[] {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', 0, (byte) 0xFF}));
  }

  @Test
  void everyPrefixOfARealClientHelloRecordIsFlaggedNotThrown() {
    byte[] record = WireBytes.record(22, HELLO_MESSAGE);
    for (int n = 1; n < record.length; n++) {
      RecordStream stream = TlsRecordParser.parse(record, 0, n);
      assertTrue(stream.truncated(), "prefix " + n);
      assertFalse(stream.notTls(), "prefix " + n);
      assertTrue(stream.handshakeMessages().isEmpty(), "prefix " + n);
      assertTrue(PeerBytes.isTls(Arrays.copyOf(record, n)), "prefix " + n);
    }
    byte[] body = HandBuiltMessagesTest.clientHelloWithGrease();
    // version, random, session id<32>, 6 suites, 1 compression method: a hello may end there
    int endWithoutExtensions = 2 + 32 + 1 + 32 + 2 + 12 + 2;
    for (int n = 0; n < body.length; n++) {
      boolean malformed = ClientHelloParser.parse(Arrays.copyOf(body, n)).isMalformed();
      assertEquals(n != endWithoutExtensions, malformed, "body prefix " + n);
    }
  }

  @Test
  void lengthsClaimingSixteenMegabytesAreNotBelieved() {
    byte[] huge = WireBytes.of().u8(11).u24(0xFFFFFF).zeros(10).bytes();
    ParsedMessages split = HandshakeMessages.split(huge, 0, huge.length);
    assertTrue(split.truncated());
    assertTrue(split.messages().isEmpty());
    RecordStream stream = TlsRecordParser.parse(WireBytes.record(22, huge), 0, 1 << 30);
    assertTrue(stream.truncated());
    assertTrue(CertificateMessageParser.parse(WireBytes.of().u24(0xFFFFFF).u24(0xFFFFFF).bytes(), false)
        .isEmpty());
    byte[] oversizedRecord = WireBytes.of().u8(22).u16(0x0303).u16(0xFFFF).zeros(20).bytes();
    assertTrue(TlsRecordParser.parse(oversizedRecord, 0, oversizedRecord.length).malformed());
    assertTrue(HandshakeMessages.split(huge, Integer.MAX_VALUE, Integer.MAX_VALUE).messages().isEmpty());
    assertTrue(HandshakeMessages.split(huge, -5, -1).messages().isEmpty());
  }

  @Test
  void nullAndEmptyInputsGiveEmptyResults() {
    assertTrue(TlsRecordParser.parse(null, 0, 10).records().isEmpty());
    assertTrue(HandshakeMessages.split(null, 0, 10).messages().isEmpty());
    assertTrue(ClientHelloParser.parse(null).isMalformed());
    assertTrue(ServerHelloParser.parse(new byte[0]).isMalformed());
    assertTrue(CertificateMessageParser.parse(null, true).isEmpty());
    assertTrue(CertificateRequestParser.parse(null, false).authorities().isEmpty());
    assertEquals("no bytes (none were captured)", PeerBytes.describe(null));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void nonTlsBytesAreDescribedByTheirFirstLineOrAsHex() {
    assertTrue(PeerBytes.describe("SSH-2.0-OpenSSH_9.6\r\n".getBytes()).startsWith("an SSH server banner"));
    assertTrue(PeerBytes.describe("220 mail.example.com ESMTP\r\n".getBytes()).startsWith("an SMTP or FTP greeting"));
    assertTrue(PeerBytes.describe(new byte[] {0, 1, 2, (byte) 0xff}).contains("hex 00 01 02 ff"));
    assertFalse(PeerBytes.isTls(new byte[] {0, 1, 2, (byte) 0xff}));
    assertTrue(PeerBytes.isTls(new byte[] {0x16, 3, 3, 0, 10}));
    assertFalse(PeerBytes.isTls(null));
    assertEquals("no bytes (none were captured)", PeerBytes.describe(null));
  }
}
