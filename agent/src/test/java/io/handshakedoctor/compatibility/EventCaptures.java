package io.handshakedoctor.compatibility;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** What one event (as parsed from the events file) carried, column by column of docs/compatibility.md. */
public final class EventCaptures {

    private EventCaptures() {
    }

    public static Set<Captured> of(Map<String, Object> event) {
        Set<Captured> out = EnumSet.noneOf(Captured.class);
        if (event == null) {
            return out;
        }
        if (nonEmpty(event.get("handshake_doctor.protocols.offered"))) {
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
        if (nonEmpty(event.get("handshake_doctor.peer_certificate_chain"))) {
            out.add(Captured.PEER_CHAIN);
        }
        Object evidence = event.get("handshake_doctor.evidence");
        if (evidence instanceof Collection) {
            for (Object line : (Collection<?>) evidence) {
                if (String.valueOf(line).startsWith("trust manager ")) {
                    out.add(Captured.TRUST_VERDICT);
                }
            }
        }
        if (nonEmpty(event.get("handshake_doctor.protocols.enabled"))) {
            out.add(Captured.LOCAL_CONFIGURATION);
        }
        return out;
    }

    private static boolean nonEmpty(Object value) {
        return value instanceof Collection ? !((Collection<?>) value).isEmpty() : value != null && !String.valueOf(value).isEmpty();
    }
}
