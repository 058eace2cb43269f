package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesStringsNumbersBooleansAndListsEscapingControlCharacters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\nd\u0001");
    m.put("n", 443L);
    m.put("b", true);
    m.put("l", List.of("x", "y"));
    m.put("skipped", null);
    assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":443,\"b\":true,\"l\":[\"x\",\"y\"]}", Json.object(m));
  }
}
