package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.handshakedoctor.wire.PeerBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Regression tests for the fixes this work made outside the tests. */
class PrivacyAndDedupFixesTest {
  @Test
  void aServerCountsRepeatsPerClientHostWhateverTheEphemeralPort() {
    java.util.List<Long> written = new java.util.ArrayList<>();
    io.handshakedoctor.emit.FailureOutput sink = (event, repeats) -> written.add(repeats);
    io.handshakedoctor.emit.RepeatLimitedOutput output =
        new io.handshakedoctor.emit.RepeatLimitedOutput(sink, java.time.Duration.ofSeconds(60));
    for (int port = 40000; port < 40100; port++) {
      io.handshakedoctor.evidence.HandshakeEvidence evidence =
          io.handshakedoctor.evidence.HandshakeEvidence.builder(io.handshakedoctor.evidence.Side.SERVER)
              .peer("10.0.0.7", port)
              .build();
      io.handshakedoctor.diagnosis.Diagnosis diagnosis =
          io.handshakedoctor.diagnosis.DiagnosisEngine.standard().diagnose(evidence);
      output.write(new io.handshakedoctor.emit.FailureEvent(evidence, diagnosis), 1);
    }
    assertEquals(java.util.List.of(1L), written, "one line for 100 failures from one client host");
  }

  @Test
  void aPlainTextRequestIsNamedWithoutItsTarget() {
    String described = PeerBytes.describe(
        "GET /reset?token=s3cr3t-value HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals("a plain-text HTTP request (\"GET /... HTTP/1.1\")", described);
    assertFalse(described.contains("s3cr3t"));
    assertEquals("a plain-text HTTP request (\"GET / HTTP/1.1\")",
        PeerBytes.describe("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("a plain-text HTTP request (\"CONNECT ... HTTP/1.1\")",
        PeerBytes.describe("CONNECT db.internal:5432 HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
  }
}
