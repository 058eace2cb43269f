package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

/** One scenario's assertions on the event, beyond the cause. */
interface Check {
  void verify(Map<String, Object> event, String context);

  Check NONE = (event, context) -> {};

  static Check equal(String attribute, Object expected) {
    return (event, context) -> assertEquals(expected, event.get(attribute), attribute + "\n" + context);
  }

  static Check contains(String attribute, String part) {
    return (event, context) -> assertTrue(String.valueOf(event.get(attribute)).contains(part),
        attribute + " should contain '" + part + "'\n" + context);
  }

  /** A string[] attribute, present and non-empty, that holds (or lacks) {@code value}. */
  static Check list(String attribute, String value, boolean present) {
    return (event, context) -> {
      Object v = event.get(attribute);
      if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
        fail(attribute + " missing or empty\n" + context);
      }
      assertEquals(present, ((List<?>) v).contains(value), attribute + (present ? " lacks " : " holds ") + value + "\n" + context);
    };
  }

  static Check listAnyContains(String attribute, String part) {
    return (event, context) -> {
      Object v = event.get(attribute);
      assertTrue(v instanceof List && ((List<?>) v).stream().anyMatch(x -> String.valueOf(x).contains(part)),
          attribute + " should have an entry containing '" + part + "'\n" + context);
    };
  }

  static Check size(String attribute, int n) {
    return (event, context) -> {
      Object v = event.get(attribute);
      assertTrue(v instanceof List && ((List<?>) v).size() == n, attribute + " should have " + n + " entries\n" + context);
    };
  }

  default Check and(Check next) {
    return (event, context) -> {
      verify(event, context);
      next.verify(event, context);
    };
  }
}
