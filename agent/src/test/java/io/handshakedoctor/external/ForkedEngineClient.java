package io.handshakedoctor.external;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One forked engine client's lines ({@code name: outcome}, as {@link HandshakeAttempts} prints them) and its events. */
final class ForkedEngineClient {
  final ForkedJvm jvm;
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final List<Map<String, Object>> events;

  ForkedEngineClient(ForkedJvm jvm) throws Exception {
    this.jvm = jvm;
    for (String l : jvm.stdout().split("\n")) {
      int colon = l.indexOf(": ");
      if (colon > 0) {
        lines.put(l.substring(0, colon), l);
      }
    }
    this.events = jvm.events();
  }

  String line(String scenario) {
    return lines.get(scenario);
  }

  /** The client side's events for the peer on {@code port}. */
  List<Map<String, Object>> clientEvents(int port) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : events) {
      Object p = e.get("server.port");
      if ("client".equals(e.get("handshake_doctor.side")) && p instanceof Number && ((Number) p).intValue() == port) {
        out.add(e);
      }
    }
    return out;
  }
}
