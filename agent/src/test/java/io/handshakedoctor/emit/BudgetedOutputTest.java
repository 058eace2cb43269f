package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BudgetedOutputTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** Records what the output writes; the summaries and single reports in order. */
  static final class Recorder implements FailureOutput {
    final List<FailureEvent> singles = new ArrayList<>();
    final List<Long> singleCounts = new ArrayList<>();
    final List<FailureSummary> summaries = new ArrayList<>();
    boolean flushed;

    @Override
    public void write(FailureEvent event, long repeats) {
      singles.add(event);
      singleCounts.add(repeats);
    }

    @Override
    public void writeSummary(FailureSummary summary) {
      summaries.add(summary);
    }

    @Override
    public void flush() {
      flushed = true;
    }

    long total() {
      long n = 0;
      for (long c : singleCounts) {
        n += c;
      }
      for (FailureSummary s : summaries) {
        n += s.count();
      }
      return n;
    }
  }

  /** A clock the test moves; scheduled closes run when the test says. */
  static final class ManualClock implements BudgetedOutput.Clock {
    long now;
    final List<Runnable> scheduled = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
      scheduled.add(task);
    }

    void runScheduled() {
      List<Runnable> due = new ArrayList<>(scheduled);
      scheduled.clear();
      due.forEach(Runnable::run);
    }
  }

  private static String address(int i) {
    return "127." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
  }

  @Test
  void aScanFromThousandsOfAddressesBecomesOneSummaryPerGroupWithExactCounts() {
    Recorder out = new Recorder();
    ManualClock clock = new ManualClock();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ofSeconds(60), 10, clock);
    for (int i = 1; i <= 3000; i++) {
      budgeted.write(i % 2 == 0 ? Events.oldProtocolClient(address(i)) : Events.plainHttpClient(address(i)), 1);
    }
    assertEquals(10, out.singles.size(), "the INFO budget of single reports");
    assertEquals(0, out.summaries.size(), "summaries wait for the interval's end");
    clock.now = 61 * SECOND;
    clock.runScheduled();
    assertEquals(2, out.summaries.size(), "one per side, cause and common trait");
    assertEquals(3000, out.total(), "every failure counted exactly once");
    FailureSummary old = out.summaries.stream().filter(s -> s.common().startsWith("offered")).findFirst().orElseThrow();
    assertEquals("offered only TLSv1, TLSv1.1", old.common());
    assertTrue(old.distinctEstimated(), "1,495 addresses are past the exact limit");
    assertTrue(Math.abs(old.distinctPeers() - 1495) < 1495 * 0.1, () -> "estimate " + old.distinctPeers());
    assertEquals(3, old.examplePeers().size());
    assertTrue(old.sentence().contains("the client's problem, not this service's"), old.sentence());
    assertTrue(old.sentence().contains("offered only TLSv1, TLSv1.1"), old.sentence());
    FailureSummary http = out.summaries.stream().filter(s -> s.common().equals("sent plain HTTP")).findFirst().orElseThrow();
    assertEquals(1500 - 5, http.count(), "the other half, less its share of the budget");
  }

  @Test
  void whatThisServiceMustActOnIsNotStarvedByAScan() {
    Recorder out = new Recorder();
    ManualClock clock = new ManualClock();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ofSeconds(60), 10, clock);
    for (int i = 1; i <= 5000; i++) {
      budgeted.write(Events.oldProtocolClient(address(i)), 1);
    }
    FailureEvent own = Events.ownCallToExpiredServer("api.example");
    budgeted.write(own, 1);
    assertTrue(out.singles.contains(own), "written at once, though 5,000 INFO failures spent their budget");
  }

  @Test
  void smallCountsAreExactAndSaySo() {
    Recorder out = new Recorder();
    ManualClock clock = new ManualClock();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ofSeconds(60), 0, clock);
    for (int i = 0; i < 50; i++) {
      budgeted.write(Events.oldProtocolClient(address(i % 20)), 1);
    }
    budgeted.flush();
    assertTrue(out.flushed);
    assertEquals(50, out.total());
    assertEquals(1, out.summaries.size());
    assertEquals(20, out.summaries.get(0).distinctPeers());
    assertFalse(out.summaries.get(0).distinctEstimated());
  }

  @Test
  void theBudgetRefillsEachInterval() {
    Recorder out = new Recorder();
    ManualClock clock = new ManualClock();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ofSeconds(60), 2, clock);
    for (int i = 0; i < 5; i++) {
      budgeted.write(Events.oldProtocolClient(address(i)), 1);
    }
    clock.now = 60 * SECOND;
    for (int i = 5; i < 10; i++) {
      budgeted.write(Events.oldProtocolClient(address(i)), 1);
    }
    assertEquals(4, out.singles.size());
    assertEquals(1, out.summaries.size(), "the first interval's summary, written by the next failure");
    assertEquals(3, out.summaries.get(0).count());
    budgeted.flush();
    assertEquals(10, out.total());
  }

  @Test
  void aZeroIntervalWritesEveryFailure() {
    Recorder out = new Recorder();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ZERO, 1, new ManualClock());
    for (int i = 0; i < 30; i++) {
      budgeted.write(Events.oldProtocolClient(address(i)), 1);
    }
    assertEquals(30, out.singles.size());
    assertEquals(0, out.summaries.size());
  }

  @Test
  void groupsAreBoundedAndTheOverflowIsStillCounted() {
    Recorder out = new Recorder();
    BudgetedOutput budgeted = new BudgetedOutput(out, Duration.ofSeconds(60), 0, new ManualClock());
    for (int i = 0; i < 200; i++) {
      io.handshakedoctor.evidence.HandshakeEvidence e = io.handshakedoctor.evidence.HandshakeEvidence
          .builder(io.handshakedoctor.evidence.Side.SERVER).peer(address(i), 1)
          .clientHello(new io.handshakedoctor.evidence.ClientHelloSummary("TLSv1", List.of("v" + i), List.of(), List.of(), null, null, null, null, false))
          .build();
      budgeted.write(new FailureEvent(e, io.handshakedoctor.diagnosis.Diagnosis.builder(io.handshakedoctor.diagnosis.Cause.NO_COMMON_PROTOCOL_VERSION)
          .responsibleParty("client").build()), 1);
    }
    budgeted.flush();
    assertEquals(BudgetedOutput.MAX_GROUPS + 1, out.summaries.size());
    assertEquals(200, out.total());
  }
}
