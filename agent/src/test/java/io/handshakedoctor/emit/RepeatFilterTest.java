package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RepeatFilterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void equalFailuresWithinTheIntervalAreHeldBackAndCountedIntoTheNextOne() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    assertEquals(1, filter.admit("k", null, 0));
    assertEquals(0, filter.admit("k", null, 10 * SECOND));
    assertEquals(0, filter.admit("k", null, 20 * SECOND));
    assertEquals(3, filter.admit("k", null, 61 * SECOND));
  }

  @Test
  void differentKeysAreIndependent() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    assertEquals(1, filter.admit("a", null, 0));
    assertEquals(1, filter.admit("b", null, 1));
  }

  @Test
  void aZeroIntervalLetsEverythingThrough() {
    RepeatFilter filter = new RepeatFilter(0);
    assertEquals(1, filter.admit("k", null, 0));
    assertEquals(1, filter.admit("k", null, 0));
  }

  @Test
  void theLastHeldBackFailureOfEachKeyIsHandedOutAtTheEndWithItsCount() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    FailureEvent first = event("a.example");
    FailureEvent second = event("a.example");
    FailureEvent third = event("a.example");
    assertEquals(1, filter.admit("k", first, 0));
    assertEquals(0, filter.admit("k", second, 1));
    assertEquals(0, filter.admit("k", third, 2));
    assertEquals(1, filter.admit("other", event("b.example"), 3));
    java.util.List<RepeatFilter.Pending> pending = filter.drain();
    assertEquals(1, pending.size());
    assertEquals(third, pending.get(0).event);
    assertEquals(2, pending.get(0).count);
    assertEquals(0, filter.drain().size(), "handed out once");
    assertEquals(1, filter.admit("k", first, 61 * SECOND), "the drained ones are not counted again");
  }

  @Test
  void aForgottenKeyHandsOutItsHeldBackFailures() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    FailureEvent held = event("a.example");
    filter.admit("k", event("a.example"), 0);
    filter.admit("k", held, 1);
    for (int i = 0; i < RepeatFilter.MAX_KEYS; i++) {
      filter.admit("key " + i, event("b.example"), 2);
    }
    java.util.List<RepeatFilter.Pending> forgotten = filter.takeForgotten();
    assertEquals(1, forgotten.size());
    assertEquals(held, forgotten.get(0).event);
    assertEquals(1, forgotten.get(0).count);
    assertEquals(0, filter.takeForgotten().size());
  }

  @Test
  void anOutputWrapperWritesTheHeldBackCountsWhenFlushed() {
    java.util.List<Long> written = new java.util.ArrayList<>();
    RepeatLimitedOutput output =
        new RepeatLimitedOutput((e, repeats) -> written.add(repeats), java.time.Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      output.write(event("a.example"), 1);
    }
    assertEquals(java.util.List.of(1L), written);
    output.flush();
    assertEquals(java.util.List.of(1L, 4L), written, "every failure is accounted for");
  }

  private static FailureEvent event(String host) {
    io.handshakedoctor.evidence.HandshakeEvidence evidence =
        io.handshakedoctor.evidence.HandshakeEvidence.builder(io.handshakedoctor.evidence.Side.CLIENT)
            .peer(host, 443)
            .build();
    return new FailureEvent(evidence, io.handshakedoctor.diagnosis.DiagnosisEngine.standard().diagnose(evidence));
  }
}
