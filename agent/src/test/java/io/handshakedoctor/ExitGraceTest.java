package io.handshakedoctor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/** Exit waits for handshakes in flight only while java.net.http can still fail one of them. */
class ExitGraceTest {

  @Test
  void onlyARunningHttpClientCountsAsSomeoneLeftToFailAHandshakeInFlight() throws Exception {
    assertFalse(ExitGrace.httpClientSelectorRuns(), "no HttpClient yet in this JVM");
    HttpClient client = HttpClient.newHttpClient(); // starts its selector thread
    assertTrue(ExitGrace.httpClientSelectorRuns());
    assertTrue(client.version() != null); // keeps the client reachable until here
  }
}
