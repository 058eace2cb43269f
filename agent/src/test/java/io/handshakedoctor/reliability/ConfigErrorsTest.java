package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.ConfigSource;
import io.handshakedoctor.config.EnrichmentMode;
import io.handshakedoctor.config.LogTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every setting is validated: a bad value is one clear problem and the default is used. */
class ConfigErrorsTest {
  private static final AgentConfig DEFAULTS = AgentConfig.from(ConfigSource.of("", Map.of(), Map.of()));

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "enabled|yes", "enabled|", "log|file", "log|STDOUT", "enrich|always",
    "capture.max.bytes|0", "capture.max.bytes|1023", "capture.max.bytes|2000000", "capture.max.bytes|64k",
    "capture.max.bytes|99999999999999999999", "capture.max.inflight|15", "capture.max.inflight|-1",
    "capture.max.inflight|1e6", "dedup.interval|-1", "dedup.interval|86401", "dedup.interval|60s",
  })
  void aBadValueIsOneProblemNamingTheSettingAndTheDefaultIsUsed(String key, String value) {
    String v = value == null ? "" : value;
    for (Map.Entry<String, AgentConfig> given : Map.of(
        "agent argument " + key, AgentConfig.from(ConfigSource.of(key + "=" + v, Map.of(), Map.of())),
        "system property handshake.doctor." + key,
        AgentConfig.from(ConfigSource.of("", Map.of("handshake.doctor." + key, v), Map.of())),
        "environment variable HANDSHAKE_DOCTOR_" + key.replace('.', '_').toUpperCase(),
        AgentConfig.from(ConfigSource.of("", Map.of(), Map.of("HANDSHAKE_DOCTOR_" + key.replace('.', '_').toUpperCase(), v))))
        .entrySet()) {
      AgentConfig config = given.getValue();
      assertEquals(1, config.problems().size(), () -> given.getKey() + ": " + config.problems());
      String problem = config.problems().get(0);
      assertTrue(problem.contains("'" + v.trim() + "'") || problem.contains("'" + v + "'"), problem);
      assertTrue(problem.contains(given.getKey()), problem);
      assertTrue(problem.contains("expected") && problem.contains("using"), problem);
      assertSameAsDefaults(config);
    }
  }

  @Test
  void unknownSettingsAreReportedWhereverTheyCameFrom() {
    AgentConfig config = AgentConfig.from(ConfigSource.of("event.file=/tmp/x",
        Map.of("handshake.doctor.event.file", "/tmp/y", "handshake.doctor.started", "true",
            "handshake.doctor.test.fail", "parser"),
        Map.of("HANDSHAKE_DOCTOR_LOGG", "off")));
    assertEquals(3, config.problems().size(), config.problems()::toString);
    assertTrue(config.problems().get(0).contains("unknown agent argument 'event.file'"), config.problems()::toString);
    assertTrue(String.join("\n", config.problems()).contains("system property handshake.doctor.event.file"));
    assertTrue(String.join("\n", config.problems()).contains("environment variable HANDSHAKE_DOCTOR_LOGG"));
    assertSameAsDefaults(config);
  }

  @Test
  void goodValuesAreTakenWithoutProblems() {
    AgentConfig config = AgentConfig.from(ConfigSource.of(
        " log = stderr , enrich=MESSAGE,capture.max.bytes=1024,capture.max.inflight=16,dedup.interval=0,enabled=false",
        Map.of(), Map.of()));
    assertEquals(java.util.List.of(), config.problems());
    assertEquals(LogTarget.STDERR, config.logTarget());
    assertEquals(EnrichmentMode.MESSAGE, config.enrichment());
    assertEquals(1024, config.captureMaxBytes());
    assertEquals(16, config.captureMaxInFlight());
    assertEquals(Duration.ZERO, config.dedupInterval());
    assertEquals(false, config.enabled());
  }

  private static void assertSameAsDefaults(AgentConfig config) {
    assertEquals(DEFAULTS.enabled(), config.enabled());
    assertNull(config.eventsFile());
    assertEquals(DEFAULTS.logTarget(), config.logTarget());
    assertEquals(DEFAULTS.enrichment(), config.enrichment());
    assertEquals(DEFAULTS.captureMaxBytes(), config.captureMaxBytes());
    assertEquals(DEFAULTS.captureMaxInFlight(), config.captureMaxInFlight());
    assertEquals(DEFAULTS.dedupInterval(), config.dedupInterval());
  }
}
