package io.handshakedoctor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event's key attributes are the real ones: the client's offered suites, the server's chain. */
class EventAttributesIT {

  static List<TestJdk> runtimes() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void expiredCertificateEventCarriesTheServersChainAndTheClientsOffer(TestJdk jdk) throws Exception {
    ForkedRun run = ForkedRun.samples(jdk, "", List.of(), "certificate_expired", "--client", "socket");
    Map<String, Object> event = run.eventsFor("client").get(0);
    assertEquals("certificate_validation", event.get("handshake_doctor.category"), run::describe);
    assertEquals("localhost", event.get("server.address"), run::describe);
    assertTrue(String.valueOf(event.get("tls.server.subject")).contains("CN=localhost"), run::describe);
    assertTrue(String.valueOf(event.get("tls.server.issuer")).contains("Intermediate"), run::describe);
    // The leaf expired 30 days before the run: not_after lies in the past.
    assertTrue(java.time.Instant.parse((String) event.get("tls.server.not_after")).isBefore(java.time.Instant.now()), run::describe);
    @SuppressWarnings("unchecked")
    List<String> suites = (List<String>) event.get("tls.client.supported_ciphers");
    assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), run::describe);
    assertEquals("none", event.get("handshake_doctor.sni"), run::describe); // JSSE sends no SNI for localhost
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimes")
  void noCommonCipherSuiteEventListsExactlyWhatTheClientOffered(TestJdk jdk) throws Exception {
    ForkedRun run = ForkedRun.samples(jdk, "", List.of(), "no_common_cipher_suite", "--client", "socket");
    Map<String, Object> client = run.eventsFor("client").get(0);
    Map<String, Object> server = run.eventsFor("server").get(0);
    // The server saw the same ClientHello the client sent.
    assertEquals(client.get("tls.client.supported_ciphers"), server.get("tls.client.supported_ciphers"), run::describe);
    @SuppressWarnings("unchecked")
    List<String> offered = (List<String>) client.get("tls.client.supported_ciphers");
    assertTrue(offered.stream().allMatch(s -> s.contains("ECDSA") || s.contains("SCSV")), () -> offered + "\n" + run.describe());
    assertEquals("received", client.get("handshake_doctor.alert.direction"), run::describe);
    assertEquals("sent", server.get("handshake_doctor.alert.direction"), run::describe);
    assertEquals("handshake_failure", client.get("handshake_doctor.alert.description"), run::describe);
  }
}
