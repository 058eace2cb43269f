package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** tls.protocol.version is the numeric part of the negotiated version, as the registry defines it. */
class EventAttributesTest {
  @Test
  void protocolVersionIsTheNumericPartOfJssesName() {
    assertEquals("1.3", EventAttributes.semconvVersion("TLSv1.3"));
    assertEquals("1.2", EventAttributes.semconvVersion("TLSv1.2"));
    assertEquals("1.0", EventAttributes.semconvVersion("TLSv1"));
    assertEquals("3", EventAttributes.semconvVersion("SSLv3"));
  }

  @Test
  void aFailureBeforeAnyServerHelloIsNamedTlsWithoutAVersion() {
    FailureEvent event =
        new FailureEvent(
            io.handshakedoctor.evidence.HandshakeEvidence.builder(io.handshakedoctor.evidence.Side.CLIENT)
                .peer("api.example.com", 443)
                .build(),
            io.handshakedoctor.diagnosis.Diagnosis.builder(io.handshakedoctor.diagnosis.Cause.CERTIFICATE_EXPIRED).build());
    assertEquals("tls", event.attributes().get("tls.protocol.name"));
    assertEquals(null, event.attributes().get("tls.protocol.version"));
  }
}
