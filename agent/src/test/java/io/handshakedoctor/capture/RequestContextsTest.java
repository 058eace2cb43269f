package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The request a connection serves reaches its failure, whichever thread the failure happens on. */
class RequestContextsTest {
  private final ThreadLocal<Object> requestOnThisThread = new ThreadLocal<>();
  private final RequestContexts contexts = new RequestContexts(requestOnThisThread::get);

  @Test
  void anEngineFailingOnAnotherThreadCarriesTheRequestItWasCreatedIn() throws Exception {
    Object engine = new Object();
    Thread requestThread =
        new Thread(
            () -> {
              requestOnThisThread.set("request 1");
              contexts.connectionCreated(engine);
            });
    requestThread.start();
    requestThread.join();

    assertEquals("request 1", contexts.claim(engine));
    assertEquals(0, contexts.size(), "claimed once, then forgotten");
  }

  @Test
  void aConnectionCreatedOutsideAnyRequestFailsWithTheFailingThreadsRequest() {
    Object socket = new Object();
    contexts.connectionCreated(socket);
    requestOnThisThread.set("request 2");

    assertEquals("request 2", contexts.claim(socket));
  }

  @Test
  void aHandshakeThatFinishedLeavesNothingKept() {
    Object engine = new Object();
    requestOnThisThread.set("request 3");
    contexts.connectionCreated(engine);
    contexts.forget(engine);
    requestOnThisThread.remove();

    assertEquals(0, contexts.size());
    assertNull(contexts.claim(engine));
  }

  @Test
  void withoutOpenTelemetryNothingIsKeptOrFound() {
    RequestContexts none = new RequestContexts(RequestContextSource.NONE);
    Object engine = new Object();
    none.connectionCreated(engine);

    assertEquals(0, none.size());
    assertNull(none.claim(engine));
  }
}
