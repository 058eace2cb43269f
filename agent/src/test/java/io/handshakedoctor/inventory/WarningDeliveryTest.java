package io.handshakedoctor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.emit.BudgetedOutput;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.SharedBudgetOutputs;
import io.handshakedoctor.emit.WarningEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early warnings travel the failures' output chain: the budget and the shared outputs pass them on. */
class WarningDeliveryTest {

  private static final class Recording implements FailureOutput {
    final List<WarningEvent> warnings = new ArrayList<>();

    @Override
    public void write(FailureEvent event, long repeats) {}

    @Override
    public void warn(WarningEvent warning) {
      warnings.add(warning);
    }
  }

  @Test
  void aWarningReachesTheLogLineAndTheEventsFileBehindTheSharedBudgetEvenWhenAnotherOutputThrows() {
    Warning expiring =
        new EarlyWarnings(Duration.ofDays(21))
            .evaluate(
                EarlyWarningsTest.healthy("TLSv1.3", "TLS_AES_128_GCM_SHA256", EarlyWarningsTest.leaf(5)).build(),
                null,
                EarlyWarningsTest.NOW)
            .get(0);
    Recording logLine = new Recording();
    Recording eventsFile = new Recording();
    FailureOutput throwing =
        new FailureOutput() {
          @Override
          public void write(FailureEvent event, long repeats) {}

          @Override
          public void warn(WarningEvent warning) {
            throw new IllegalStateException("disk gone");
          }
        };
    List<String> faults = new ArrayList<>();
    FailureOutput outputs =
        new BudgetedOutput(
            new SharedBudgetOutputs(List.of(logLine, throwing, eventsFile), (where, error) -> faults.add(where)),
            Duration.ofMinutes(1),
            10);

    WarningEvent event = new WarningEvent(expiring);
    outputs.warn(event);

    assertEquals(List.of(event), logLine.warnings);
    assertEquals(List.of(event), eventsFile.warnings);
    assertEquals(1, faults.size(), faults::toString);
  }
}
