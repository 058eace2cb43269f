package io.handshakedoctor;

import io.handshakedoctor.capture.InternalErrorReporter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own faults: each is counted; the first of each kind is printed once to standard
 * error (the agent must not depend on the host's logging to admit its own failures).
 */
final class InternalErrors implements InternalErrorReporter {
  private final AtomicLong count = new AtomicLong();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  @Override
  public void internalError(String where, Throwable error) {
    count.incrementAndGet();
    String kind = where + ": " + (error == null ? "" : error.getClass().getName());
    if (reported.size() < 100 && reported.add(kind)) {
      System.err.println(
          "handshake-doctor: internal error (" + where + "), the host is unaffected: " + error);
    }
  }

  long count() {
    return count.get();
  }
}
