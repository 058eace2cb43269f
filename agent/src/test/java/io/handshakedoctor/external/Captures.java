package io.handshakedoctor.external;

import io.handshakedoctor.compatibility.Captured;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** What one event from the events file carried, in the compatibility table's terms. */
final class Captures {
  private Captures() {}

  static Set<Captured> of(Map<String, Object> event) {
    Set<Captured> out = EnumSet.noneOf(Captured.class);
    if (event.containsKey("handshake_doctor.protocols.offered") || event.containsKey("tls.client.supported_ciphers")) {
      out.add(Captured.CLIENT_HELLO);
    }
    if (event.containsKey("tls.protocol.version") || event.containsKey("tls.cipher")) {
      out.add(Captured.SERVER_HELLO);
    }
    Object direction = event.get("handshake_doctor.alert.direction");
    if ("sent".equals(direction)) {
      out.add(Captured.ALERT_SENT);
    } else if ("received".equals(direction)) {
      out.add(Captured.ALERT_RECEIVED);
    }
    if (event.containsKey("handshake_doctor.peer_certificate_chain")) {
      out.add(Captured.PEER_CHAIN);
    }
    Object evidence = event.get("handshake_doctor.evidence");
    if (evidence instanceof Collection && ((Collection<?>) evidence).stream().anyMatch(e -> String.valueOf(e).startsWith("trust manager"))) {
      out.add(Captured.TRUST_VERDICT);
    }
    if (event.containsKey("handshake_doctor.protocols.enabled")) {
      out.add(Captured.LOCAL_CONFIGURATION);
    }
    return out;
  }
}
