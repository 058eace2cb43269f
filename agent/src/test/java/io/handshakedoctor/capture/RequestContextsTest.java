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

  @Test
  void anEngineMadeOnAnEventLoopForAConnectionACallStartedCarriesThatCallsContext() throws Exception {
    Object negotiator = new Object();
    Thread callThread =
        new Thread(
            () -> {
              requestOnThisThread.set("call 4");
              contexts.transportStarting(negotiator);
            });
    callThread.start();
    callThread.join();
    assertEquals(1, contexts.startedTransports());

    // The event loop: no context of its own; the negotiator makes the engine there.
    Object engine = new Object();
    contexts.transportEngineCreating(negotiator);
    contexts.connectionCreated(engine); // as the engine constructor's hook does
    Object madeInside = contexts.current();
    contexts.transportEngineCreated(negotiator);

    assertEquals("call 4", madeInside);
    assertNull(contexts.current(), "the event loop's own context again once the engine is made");
    assertEquals(0, contexts.startedTransports(), "taken by the engine");
    assertEquals("call 4", contexts.claim(engine));
  }

  @Test
  void aConnectionStartedOutsideAnyCallKeepsNothingAndItsEngineGetsTheThreadsOwnContext() {
    Object negotiator = new Object();
    contexts.transportStarting(negotiator);
    assertEquals(0, contexts.startedTransports());

    requestOnThisThread.set("request 5");
    contexts.transportEngineCreating(negotiator);
    assertEquals("request 5", contexts.current());
    contexts.transportEngineCreated(negotiator);
  }

  @Test
  void aNegotiatorThatNeverMakesItsEngineIsForgottenWithIt() throws Exception {
    requestOnThisThread.set("call 6");
    contexts.transportStarting(new Object()); // a connection refused before TLS: nothing else holds it
    requestOnThisThread.remove();
    for (int i = 0; i < 50 && contexts.startedTransports() > 0; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(0, contexts.startedTransports());
  }
}
