package io.handshakedoctor;

import io.handshakedoctor.capture.CapturingListener;
import java.util.concurrent.TimeUnit;

/**
 * How long exit waits for failures that are about to be reported, and only for those: a program
 * with nothing left to report exits without delay.
 *
 * <ul>
 *   <li>A report under way (its capture already left the registry; the first one loads the rules)
 *       is let finish, up to 3 s.
 *   <li>A handshake still in flight gets up to 500 ms, but only while java.net.http's selector
 *       thread runs: HttpClient (HTTP/1.1) closes a connection whose connect or request timeout
 *       fired on that thread, after the application has seen the exception, and that close is
 *       the failure's report. Any other handshake in flight at exit (a program that exits
 *       mid-handshake, an idle pooled connection's peer) has nobody left to fail it.
 * </ul>
 */
final class ExitGrace {
  static final long IN_FLIGHT_GRACE_MILLIS = 500;
  static final long REPORT_GRACE_MILLIS = 3000;
  /** java.net.http names its selector thread so, from JDK 11 to 25. */
  private static final String SELECTOR_PREFIX = "HttpClient-";
  private static final String SELECTOR_SUFFIX = "-SelectorManager";

  private ExitGrace() {}

  static void await(CapturingListener capturing) {
    long start = System.nanoTime();
    long inFlightEnd = start + TimeUnit.MILLISECONDS.toNanos(IN_FLIGHT_GRACE_MILLIS);
    long reportEnd = start + TimeUnit.MILLISECONDS.toNanos(REPORT_GRACE_MILLIS);
    boolean awaitInFlight = capturing.inFlight() > 0 && httpClientSelectorRuns();
    try {
      while (true) {
        long now = System.nanoTime();
        boolean handshakes = awaitInFlight && capturing.inFlight() > 0 && now < inFlightEnd;
        boolean reports = capturing.reporting() > 0 && now < reportEnd;
        if (!handshakes && !reports) {
          return;
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean httpClientSelectorRuns() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      String name = threads[i].getName();
      if (name.startsWith(SELECTOR_PREFIX) && name.endsWith(SELECTOR_SUFFIX) && threads[i].isAlive()) {
        return true;
      }
    }
    return false;
  }
}
