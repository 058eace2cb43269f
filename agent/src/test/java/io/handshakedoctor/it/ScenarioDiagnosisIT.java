package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample scenario, run for real in a forked JVM under the built agent jar, on every JDK and
 * client path: the event names the expected cause on the side that must see it.
 */
class ScenarioDiagnosisIT {

  /** scenario, side whose event is asserted, expected cause. */
  private static final String[][] EXPECTATIONS = {
    {"no_common_cipher_suite", "server", "no_common_cipher_suite"},
    {"no_common_cipher_suite", "client", "no_common_cipher_suite"},
    {"no_common_protocol_version", "server", "no_common_protocol_version"},
    {"no_common_protocol_version", "client", "no_common_protocol_version"},
    {"protocol_disabled_by_local_policy", "client", "protocol_disabled_by_local_policy"},
    {"certificate_expired", "client", "certificate_expired"},
    {"certificate_not_yet_valid", "client", "certificate_not_yet_valid"},
    {"hostname_mismatch", "client", "hostname_mismatch"},
    {"untrusted_self_signed", "client", "untrusted_self_signed"},
    {"untrusted_unknown_ca", "client", "untrusted_unknown_ca"},
    {"incomplete_chain", "client", "incomplete_chain"},
    {"weak_certificate_algorithm", "client", "weak_certificate_algorithm"},
    {"certificate_usage_not_permitted", "client", "certificate_usage_not_permitted"},
    {"sni_missing", "client", "sni_missing"},
    {"sni_unrecognized_name", "server", "sni_unrecognized_name"},
    {"sni_unrecognized_name", "client", "sni_unrecognized_name"},
    {"non_tls_peer", "client", "non_tls_peer"},
    {"connection_reset_during_handshake", "client", "connection_reset_during_handshake"},
    {"handshake_timeout", "client", "handshake_timeout"},
    {"tls_interception_suspected", "client", "tls_interception_suspected"},
    {"client_certificate_missing", "server", "client_certificate_missing"},
    {"client_certificate_rejected", "server", "client_certificate_rejected"},
    {"alpn_mismatch", "server", "alpn_mismatch"},
    {"alpn_mismatch", "client", "alpn_mismatch"},
    {"local_credentials_missing", "server", "local_credentials_missing"},
  };

  static final List<String> CLIENT_PATHS = List.of("socket", "engine", "https-url-connection", "http-client");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JavaRuntime jdk : JavaRuntime.all()) {
      for (String path : CLIENT_PATHS) {
        for (String[] e : EXPECTATIONS) {
          out.add(Arguments.of(jdk, path, e[0], e[1], e[2]));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}: {3} side says {4}")
  @MethodSource("cases")
  void eventNamesTheCause(JavaRuntime jdk, String path, String scenario, String side, String cause)
      throws Exception {
    ForkedRun run = ForkedRun.samples(jdk, "", List.of(), scenario, "--client", path);
    assumeFalse(run.stdout.contains("skipped"), () -> "scenario skipped on this path: " + run.stdout);
    assertEquals(0, run.exitCode, run::describe);
    assertFalse(run.stderr.contains("internal error"), run::describe);
    List<Map<String, Object>> events = run.eventsFor(side);
    assertEquals(1, events.size(), () -> "one " + side + " event expected\n" + run.describe());
    Map<String, Object> event = events.get(0);
    assertEquals(cause, event.get("tls.failure.cause"), run::describe);
    assertTrue(event.containsKey("tls.failure.fix"), run::describe);
    assertTrue(event.containsKey("tls.failure.category"), run::describe);
    assertTrue(event.containsKey("exception.type"), run::describe);
  }
}
