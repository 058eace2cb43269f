package io.handshakedoctor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static AgentConfig config(String args, Map<String, String> props, Map<String, String> env) {
    return AgentConfig.from(ConfigSource.of(args, props, env));
  }

  @Test
  void defaultsNeedNoSettingAtAll() {
    AgentConfig c = config(null, Map.of(), Map.of());
    assertTrue(c.enabled());
    assertNull(c.eventsFile());
    assertEquals(LogTarget.AUTO, c.logTarget());
    assertEquals(EnrichmentMode.SUPPRESSED, c.enrichment());
    assertEquals(65536, c.captureMaxBytes());
    assertEquals(Duration.ofSeconds(60), c.dedupInterval());
    assertTrue(c.problems().isEmpty());
  }

  @Test
  void agentArgumentBeatsSystemPropertyWhichBeatsEnvironment() {
    Map<String, String> props = Map.of("handshake.doctor.events.file", "from-property.jsonl", "handshake.doctor.log", "stderr");
    Map<String, String> env = Map.of(
        "HANDSHAKE_DOCTOR_EVENTS_FILE", "from-env.jsonl",
        "HANDSHAKE_DOCTOR_LOG", "off",
        "HANDSHAKE_DOCTOR_ENRICH", "message");
    AgentConfig c = config("events.file=from-argument.jsonl", props, env);
    assertEquals(Paths.get("from-argument.jsonl"), c.eventsFile());
    assertEquals(LogTarget.STDERR, c.logTarget());
    assertEquals(EnrichmentMode.MESSAGE, c.enrichment());
  }

  @Test
  void aBadValueIsReportedWithItsOriginAndTheDefaultIsUsed() {
    AgentConfig c = config("log=loud,capture.max.bytes=12", Map.of("handshake.doctor.enabled", "yes"), Map.of());
    assertEquals(LogTarget.AUTO, c.logTarget());
    assertEquals(65536, c.captureMaxBytes());
    assertTrue(c.enabled());
    assertEquals(3, c.problems().size(), c.problems()::toString);
    assertTrue(c.problems().get(0).contains("system property handshake.doctor.enabled"), c.problems()::toString);
    assertTrue(String.join("\n", c.problems()).contains("agent argument log"), c.problems()::toString);
    assertTrue(String.join("\n", c.problems()).contains("using 65536"), c.problems()::toString);
  }

  @Test
  void anUnknownAgentArgumentIsReported() {
    AgentConfig c = config("event.file=x.jsonl", Map.of(), Map.of());
    assertEquals(1, c.problems().size());
    assertTrue(c.problems().get(0).contains("unknown agent argument 'event.file'"), c.problems()::toString);
  }

  @Test
  void argumentStringToleratesSpacesEmptyItemsAndBareFlags() {
    assertEquals(
        Map.of("events.file", "a.jsonl", "enabled", "true"),
        ConfigSource.parseArguments(" events.file = a.jsonl ,, enabled "));
  }
}
