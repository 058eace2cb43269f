package io.handshakedoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttachWarmUpTest {
  @Test
  void runsTheSyntheticFailureThroughDiagnosisAndEventWithoutPrintingAnything() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
    boolean prepared;
    try {
      System.setOut(capture);
      System.setErr(capture);
      prepared = AttachWarmUp.prepare();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertTrue(prepared, "the synthetic failure no longer goes through: the warm-up prepares nothing");
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }
}
