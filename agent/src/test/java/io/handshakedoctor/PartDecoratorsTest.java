package io.handshakedoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.faultinjection.FaultInjectionJar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The agent's parts go through the decorators of the {@code decorators.jar} setting, and only then. */
class PartDecoratorsTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final InternalErrors errors = new InternalErrors(new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void withoutTheSettingEveryPartIsUsedAsItIs() {
    PartDecorator parts = PartDecorators.load(null, errors);
    Runnable part = () -> {};
    assertSame(PartDecorator.NONE, parts);
    assertSame(part, parts.decorate(Runnable.class, part));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theJarsDecoratorsStandInFrontOfTheParts() throws Exception {
    System.setProperty(FaultInjectionJar.PROPERTY, "output");
    PartDecorator parts;
    try {
      parts = PartDecorators.load(FaultInjectionJar.path(), errors);
    } finally {
      System.clearProperty(FaultInjectionJar.PROPERTY);
    }
    FailureOutput output = (event, repeats) -> {};
    FailureOutput decorated = parts.decorate(FailureOutput.class, output);
    assertNotSame(output, decorated);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> decorated.write(null, 1));
    assertEquals(FaultInjectionJar.message("output"), thrown.getMessage());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingJarIsReportedAndTheAgentRunsWithoutDecorators() {
    PartDecorator parts = PartDecorators.load(Paths.get("target/no-such-decorators.jar"), errors);
    assertSame(PartDecorator.NONE, parts);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("internal error (loading decorators.jar: "), err::toString);
  }
}
