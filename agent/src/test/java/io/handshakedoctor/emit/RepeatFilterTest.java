package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RepeatFilterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void equalFailuresWithinTheIntervalAreHeldBackAndCountedIntoTheNextOne() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    assertEquals(1, filter.admit("k", 0));
    assertEquals(0, filter.admit("k", 10 * SECOND));
    assertEquals(0, filter.admit("k", 20 * SECOND));
    assertEquals(3, filter.admit("k", 61 * SECOND));
  }

  @Test
  void differentKeysAreIndependent() {
    RepeatFilter filter = new RepeatFilter(60 * SECOND);
    assertEquals(1, filter.admit("a", 0));
    assertEquals(1, filter.admit("b", 1));
  }

  @Test
  void aZeroIntervalLetsEverythingThrough() {
    RepeatFilter filter = new RepeatFilter(0);
    assertEquals(1, filter.admit("k", 0));
    assertEquals(1, filter.admit("k", 0));
  }
}
