package io.handshakedoctor.emit.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.handshakedoctor.emit.FullEvents;
import io.handshakedoctor.emit.Names;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the counter is labelled with: bounded values only, and never the connecting client. */
class OtelAttributesTest {
  private static Set<String> keys(Attributes attributes) {
    Set<String> keys = new TreeSet<>();
    attributes.forEach((k, v) -> keys.add(k.getKey()));
    return keys;
  }

  @Test
  void aServersCounterNeverCarriesTheClientsAddressOrPort() {
    Attributes metric = OtelAttributes.forMetric(FullEvents.server().attributes());
    assertEquals(
        Set.of(Names.CATEGORY, Names.CAUSE, Names.SIDE, "tls.protocol.version"), keys(metric));
    assertEquals("server", metric.get(AttributeKey.stringKey(Names.SIDE)));
  }

  @Test
  void aClientsCounterCarriesThePeerItConnectedToButNotItsPort() {
    Attributes metric = OtelAttributes.forMetric(FullEvents.client().attributes());
    assertEquals(
        Set.of(Names.CATEGORY, Names.CAUSE, Names.SIDE, "server.address", "tls.protocol.version"), keys(metric));
    assertEquals("api.example.com", metric.get(AttributeKey.stringKey("server.address")));
    assertEquals("certificate_expired", metric.get(AttributeKey.stringKey(Names.CAUSE)));
    assertNull(metric.get(AttributeKey.longKey("server.port")));
  }

  @Test
  void theEventCarriesTheRepeatCountOnlyWhenItStandsForMoreThanOneFailure() {
    Attributes once = OtelAttributes.all(FullEvents.client().attributes(), 1);
    Attributes many = OtelAttributes.all(FullEvents.client().attributes(), 5);
    assertNull(once.get(AttributeKey.longKey(Names.REPEAT_COUNT)));
    assertEquals(5L, many.get(AttributeKey.longKey(Names.REPEAT_COUNT)));
    assertEquals(false, many.get(AttributeKey.booleanKey("tls.established")));
  }
}
