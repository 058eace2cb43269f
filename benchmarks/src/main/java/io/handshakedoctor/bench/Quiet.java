package io.handshakedoctor.bench;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * With {@code -Dbench.quiet=true} (which run.sh passes to every variant alike), standard error is
 * thrown away inside the benchmark JVM, so {@code -Djavax.net.debug} is measured for producing its
 * output, not for shipping it to JMH's console.
 */
final class Quiet {
  private Quiet() {}

  static void apply() {
    if (Boolean.getBoolean("bench.quiet")) {
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }
  }
}
