package io.handshakedoctor.diagnosis;

import static io.handshakedoctor.diagnosis.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class DiagnosisEngineTest {
  @Test
  void nullEvidenceGivesUnknown() {
    Diagnosis d = DiagnosisEngine.standard().diagnose(null);
    assertEquals(Cause.UNKNOWN, d.cause());
    assertEquals(Confidence.LOW, d.confidence());
  }

  @Test
  void emptyEvidenceGivesUnknownWithRawFacts() {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.CLIENT).peer("odd.example.com", 8443)
        .failure(new SSLHandshakeException("(internal_error) Something JSSE invented later"))
        .build();
    Diagnosis d = DiagnosisEngine.standard().diagnose(e);
    assertEquals(Cause.UNKNOWN, d.cause());
    assertEquals("unknown", d.responsibleParty());
    assertTrue(d.summary().contains("odd.example.com:8443"), d.summary());
    assertTrue(d.summary().contains("Something JSSE invented later"), d.summary());
    assertTrue(d.evidence().stream().anyMatch(s -> s.contains("Something JSSE invented later")));
  }

  @Test
  void aThrowingRuleIsSkipped() {
    DiagnosisRule broken = (ev, failures) -> {
      throw new IllegalStateException("boom");
    };
    DiagnosisEngine engine = new DiagnosisEngine(Arrays.asList(broken, new SniUnrecognizedNameRule()));
    HandshakeEvidence e = client("x.example.com").alertReceived(fatal("unrecognized_name")).build();
    assertEquals(Cause.SNI_UNRECOGNIZED_NAME, engine.diagnose(e).cause());

    Diagnosis fallback = new DiagnosisEngine(Arrays.asList(broken)).diagnose(e);
    assertEquals(Cause.UNKNOWN, fallback.cause());
    assertTrue(fallback.evidence().stream().anyMatch(s -> s.contains("boom")));
  }

  @Test
  void aThrowingRuleIsReportedToTheFaultHandlerOncePerFailure() {
    IllegalStateException boom = new IllegalStateException("boom");
    DiagnosisRule broken = (ev, failures) -> {
      throw boom;
    };
    java.util.List<String> places = new java.util.ArrayList<>();
    java.util.List<Throwable> faults = new java.util.ArrayList<>();
    DiagnosisEngine engine =
        new DiagnosisEngine(
            Arrays.asList(broken, new SniUnrecognizedNameRule()),
            (where, fault) -> {
              places.add(where);
              faults.add(fault);
            });
    HandshakeEvidence e = client("x.example.com").alertReceived(fatal("unrecognized_name")).build();
    assertEquals(Cause.SNI_UNRECOGNIZED_NAME, engine.diagnose(e).cause());
    assertEquals(java.util.List.of(boom), faults);
    assertTrue(places.get(0).startsWith("diagnosis rule: "), places.toString());
  }

  @Test
  void aThrowingFaultHandlerDoesNotCostTheDiagnosis() {
    DiagnosisRule broken = (ev, failures) -> {
      throw new IllegalStateException("boom");
    };
    DiagnosisEngine engine =
        new DiagnosisEngine(
            Arrays.asList(broken, new SniUnrecognizedNameRule()),
            (where, fault) -> {
              throw new IllegalArgumentException("handler broke");
            });
    HandshakeEvidence e = client("x.example.com").alertReceived(fatal("unrecognized_name")).build();
    assertEquals(Cause.SNI_UNRECOGNIZED_NAME, engine.diagnose(e).cause());
  }

  @Test
  void laterMatchesBecomeAlternativesOfAnUncertainDiagnosis() {
    DiagnosisRule medium = (ev, failures) -> Optional.of(Diagnosis.builder(Cause.INCOMPLETE_CHAIN).confidence(Confidence.MEDIUM).build());
    DiagnosisRule other = (ev, failures) -> Optional.of(Diagnosis.builder(Cause.TLS_INTERCEPTION_SUSPECTED).confidence(Confidence.HIGH).build());
    Diagnosis d = new DiagnosisEngine(Arrays.asList(medium, other)).diagnose(client("x.example.com").build());
    assertEquals(Cause.INCOMPLETE_CHAIN, d.cause());
    assertEquals(Arrays.asList(Cause.TLS_INTERCEPTION_SUSPECTED), d.alternatives());
  }

  @Test
  void highConfidenceStopsAtTheFirstMatch() {
    DiagnosisRule high = (ev, failures) -> Optional.of(Diagnosis.builder(Cause.CERTIFICATE_EXPIRED).confidence(Confidence.HIGH).build());
    DiagnosisRule other = (ev, failures) -> Optional.of(Diagnosis.builder(Cause.HOSTNAME_MISMATCH).build());
    Diagnosis d = new DiagnosisEngine(Arrays.asList(high, other)).diagnose(client("x.example.com").build());
    assertTrue(d.alternatives().isEmpty());
  }

  @Test
  void idsAndCategories() {
    assertEquals("certificate_expired", Cause.CERTIFICATE_EXPIRED.id());
    assertEquals(Category.CERTIFICATE_VALIDATION, Cause.CERTIFICATE_EXPIRED.category());
    assertEquals("middlebox_interference", Cause.HANDSHAKE_TIMEOUT.category().id());
    assertEquals("high", Confidence.HIGH.id());
    Diagnosis d = Diagnosis.builder(Cause.ALPN_MISMATCH).alternative(Cause.ALPN_MISMATCH, Cause.UNKNOWN).build();
    assertEquals(Category.OTHER, d.category());
    assertEquals(Arrays.asList(Cause.UNKNOWN), d.alternatives());
  }

  @Test
  void everyStandardRuleToleratesEmptyEvidenceOnBothSides() {
    for (Side side : Side.values()) {
      HandshakeEvidence empty = HandshakeEvidence.builder(side).build();
      for (DiagnosisRule rule : DiagnosisEngine.standardRules()) {
        assertDoesNotThrow(() -> rule.apply(empty, Failures.of(empty)), rule.getClass().getSimpleName());
      }
    }
  }

  @Test
  void alertPrefixIsStripped() {
    assertEquals("no cipher suites in common", Failures.strip("(handshake_failure) no cipher suites in common"));
    assertEquals("(not an alert prefix", Failures.strip("(not an alert prefix"));
    assertEquals("", Failures.strip(null));
  }

  @Test
  void relativeDates() {
    assertEquals("12 days ago", Facts.relative(java.time.Instant.parse("2026-01-01T00:00:00Z"), NOW));
    assertEquals("1 day ahead", Facts.relative(NOW.plusSeconds(86400 + 5), NOW));
    assertEquals("3 hours ahead", Facts.relative(NOW.plusSeconds(3 * 3600), NOW));
  }
}
