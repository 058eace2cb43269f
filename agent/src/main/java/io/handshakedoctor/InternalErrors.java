package io.handshakedoctor;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.capture.InternalErrorReporter;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The agent's own faults: each is counted (in {@link HandshakeHooks#internalErrors()}, readable
 * by the shutdown summary and metrics); the first of each kind is printed once to standard error
 * (the agent must not depend on the host's logging to admit its own failures). Never throws. It is
 * also the instrumentation's error callback ({@link #accept}): no lambda is spun for that at start-up.
 */
final class InternalErrors implements InternalErrorReporter, BiConsumer<String, Throwable> {
  static final String LINE_PREFIX = "handshake-doctor: internal error (";
  static final String SUMMARY_PREFIX = "handshake-doctor: at shutdown: ";
  private static final int MAX_KINDS = 100;

  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final PrintStream err;

  InternalErrors() {
    this(System.err);
  }

  InternalErrors(PrintStream err) {
    this.err = err;
  }

  @Override
  public void internalError(String where, Throwable error) {
    HandshakeHooks.internalErrorReported();
    try {
      // One line per kind: the place (up to ": ", so one per stage, not per class) and the type.
      int colon = where == null ? -1 : where.indexOf(": ");
      String place = colon < 0 ? String.valueOf(where) : where.substring(0, colon);
      String kind = place + " " + (error == null ? "" : error.getClass().getName());
      if (reported.size() < MAX_KINDS && reported.add(kind)) {
        err.println(LINE_PREFIX + where + "), the host is unaffected: " + error);
      }
    } catch (Throwable unprintable) {
      // Out of memory, or a closed stream: the count above still records the fault.
    }
  }

  @Override
  public void accept(String where, Throwable error) {
    internalError(where, error);
  }

  long count() {
    return HandshakeHooks.internalErrors();
  }

  /** The shutdown line: printed only when there was a fault, so healthy hosts see nothing. */
  static String summary(long count) {
    return SUMMARY_PREFIX
        + count
        + (count == 1 ? " internal fault" : " internal faults")
        + " of the agent suppressed since start-up (the first of each kind is printed above);"
        + " the host's handshakes were not affected";
  }

  /** The shutdown line, printed only when there was a fault, so healthy hosts see nothing. */
  void printSummary() {
    long n = count();
    if (n > 0) {
      try {
        err.println(summary(n));
      } catch (Throwable ignored) {
        // nothing left to do at shutdown
      }
    }
  }
}
