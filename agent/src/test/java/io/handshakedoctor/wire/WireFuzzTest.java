package io.handshakedoctor.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.handshakedoctor.evidence.CertificateSummary;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of everything that reads bytes a peer chose: the record layer,
 * handshake-message splitting, every message parser, alerts, the non-TLS description, and the
 * certificate summariser. A plain {@code mvn verify} replays the committed inputs in
 * {@code src/test/resources/io/handshakedoctor/wire/WireFuzzTestInputs/<method>/} (real hellos,
 * flights, alerts and certificates); a campaign runs with {@code JAZZER_FUZZ=1} (see
 * docs/reliability.md). Any throwable escaping, a hang, or an allocation beyond the bound below is
 * a finding.
 */
class WireFuzzTest {
  /**
   * The parsers' transient allocation bound per input: a fixed overhead plus a linear multiple of
   * the input (nothing is retained: the parsers keep no state). The capture that feeds them is
   * itself bounded by {@code capture.max.bytes}, so this bounds the agent's work per connection.
   * Measured without instrumentation: about 190 KB for a 922-byte input that parses as every
   * message type at once; Jazzer's own comparison hooks allocate on top while fuzzing.
   */
  static final long FIXED_ALLOCATION = 2 * 1024 * 1024;
  static final long ALLOCATION_PER_INPUT_BYTE = 512;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A campaign (JAZZER_FUZZ=1) stops after 10 million executions or two hours. */
  @FuzzTest(maxDuration = "120m", maxExecutions = 10_000_000)
  void records(byte[] input) {
    long before = allocated();
    parseRecords(input);
    if (exceedsBound(before, input.length)) {
      // The first run of a new path may load classes and fill JDK caches: judge a second run.
      before = allocated();
      parseRecords(input);
      assertBounded(before, input.length);
    }
  }

  @FuzzTest(maxDuration = "60m", maxExecutions = 2_000_000)
  void certificates(byte[] input) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    long before = allocated();
    summariseAll(factory, input);
    if (exceedsBound(before, input.length)) {
      before = allocated(); // as in records: a second run, past first-use costs
      summariseAll(factory, input);
      assertBounded(before, input.length);
    }
  }

  private static void parseRecords(byte[] input) {
    RecordStream stream = TlsRecordParser.parse(input, 0, input.length);
    stream.toString();
    PeerBytes.describe(input);
    for (HandshakeMessage m : stream.handshakeMessages()) {
      parseBody(m.body());
    }
    ParsedMessages split = HandshakeMessages.split(input, 0, input.length);
    for (HandshakeMessage m : split.messages()) {
      parseBody(m.body());
    }
    parseBody(input);
    AlertParser.parse(input);
  }

  private static void summariseAll(CertificateFactory factory, byte[] input) {
    summarise(factory, input);
    for (boolean tls13 : new boolean[] {false, true}) {
      List<byte[]> ders = CertificateMessageParser.parse(input, tls13);
      for (byte[] der : ders) {
        summarise(factory, der);
      }
    }
  }

  private static void parseBody(byte[] body) {
    String s = String.valueOf(ClientHelloParser.parse(body));
    s += ServerHelloParser.parse(body);
    s += CertificateMessageParser.parse(body, true).size();
    s += CertificateMessageParser.parse(body, false).size();
    s += CertificateRequestParser.parse(body, true);
    s += CertificateRequestParser.parse(body, false);
    if (s.isEmpty()) {
      throw new AssertionError();
    }
  }

  private static void summarise(CertificateFactory factory, byte[] der) {
    X509Certificate cert;
    try {
      cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (Exception notACertificate) {
      return; // the JDK's parser refuses it: the agent leaves it out (EvidenceAssembler)
    }
    CertificateSummary summary = CertificateSummary.of(cert);
    String text = summary.toString() + summary.commonNameOrSubject() + summary.dnsNames()
        + summary.subjectAltNames() + summary.extendedKeyUsage() + summary.publicKeyBits()
        + summary.isCertificateAuthority() + summary.isSelfIssued() + summary.sha256Fingerprint();
    if (text.isEmpty()) {
      throw new AssertionError();
    }
    CertificateSummary.ofChain(new X509Certificate[] {cert, null});
  }

  private static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static boolean exceedsBound(long before, int inputLength) {
    return before >= 0 && allocated() - before > FIXED_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputLength;
  }

  private static void assertBounded(long before, int inputLength) {
    long used = allocated() - before;
    long bound = FIXED_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputLength;
    if (before >= 0 && used > bound) {
      throw new AssertionError(
          "allocated " + used + " bytes for a " + inputLength + "-byte input (bound " + bound + ")");
    }
  }
}
