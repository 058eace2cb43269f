package io.handshakedoctor.external;

import java.util.List;
import java.util.Map;

/** The events a forked server wrote while one external client ran against it. */
final class ServerEvents {
  private ServerEvents() {}

  /** The events written since {@code before}, once one arrived (or the wait ended) and a moment more for extras. */
  static List<Map<String, Object>> since(ForkedJvm jvm, int before, long waitMillis) throws Exception {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (jvm.events().size() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300);
    List<Map<String, Object>> all = jvm.events();
    return all.subList(before, all.size());
  }
}
