package io.handshakedoctor.emit.otel;

import io.handshakedoctor.emit.Names;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The event's attributes (docs/attributes.md) as OpenTelemetry attributes, types preserved. */
final class OtelAttributes {
  /** The low-cardinality attributes the agent's own span carries (the event carries them all). */
  private static final Set<String> SPAN_KEYS =
      Set.of(
          "server.address",
          "server.port",
          "client.address",
          "client.port",
          "error.type",
          "tls.protocol.name",
          "tls.protocol.version",
          Names.CAUSE,
          Names.CATEGORY,
          Names.SIDE);

  /**
   * The metric's attributes: bounded by the vocabulary, the servers this JVM calls and the protocol
   * versions. Never a port, and never the connecting client ({@code client.address} is a server's
   * peer; one series per client would grow without bound on a server facing the internet).
   */
  private static final Set<String> METRIC_KEYS =
      Set.of(
          Names.CATEGORY,
          Names.CAUSE,
          Names.SIDE,
          "server.address",
          "tls.protocol.version");

  private OtelAttributes() {}

  static Attributes forMetric(Map<String, Object> attributes) {
    AttributesBuilder b = Attributes.builder();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (METRIC_KEYS.contains(e.getKey())) {
        put(b, e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  static Attributes all(Map<String, Object> attributes, long repeats) {
    AttributesBuilder b = Attributes.builder();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      put(b, e.getKey(), e.getValue());
    }
    if (repeats > 1) {
      b.put(AttributeKey.longKey(Names.REPEAT_COUNT), repeats);
    }
    return b.build();
  }

  static Attributes forSpan(Map<String, Object> attributes) {
    AttributesBuilder b = Attributes.builder();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (SPAN_KEYS.contains(e.getKey())) {
        put(b, e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  private static void put(AttributesBuilder b, String key, Object value) {
    if (value instanceof String) {
      b.put(AttributeKey.stringKey(key), (String) value);
    } else if (value instanceof Long || value instanceof Integer) {
      b.put(AttributeKey.longKey(key), ((Number) value).longValue());
    } else if (value instanceof Boolean) {
      b.put(AttributeKey.booleanKey(key), (Boolean) value);
    } else if (value instanceof Collection) {
      List<String> items = new ArrayList<>();
      for (Object item : (Collection<?>) value) {
        items.add(String.valueOf(item));
      }
      b.put(AttributeKey.stringArrayKey(key), items);
    } else if (value != null) {
      b.put(AttributeKey.stringKey(key), String.valueOf(value));
    }
  }
}
