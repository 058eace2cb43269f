package io.handshakedoctor.emit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends one JSON object per report to the configured file, opened at the first failure, capped
 * in size and rolled over ({@link RollingFile}). When the file cannot be written (disk full,
 * permissions, a vanished folder) the agent says so once on standard error, counts the failures it
 * could not write, and tries again at most every {@link #RETRY_NANOS} (10 s); when a retry succeeds it
 * says so once and carries on. The host never sees the error.
 */
public final class JsonLinesOutput implements FailureOutput {
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Path file;
  private final RollingFile rolling;
  private final PrintStream err;
  private final long retryNanos;
  private final AtomicLong failuresNotWritten = new AtomicLong();
  private boolean failing; // guarded by this
  private long retryAt; // guarded by this

  public JsonLinesOutput(Path file, long maxBytes, int keep) {
    this(file, maxBytes, keep, RollingFile.FILES, System.err, RETRY_NANOS);
  }

  JsonLinesOutput(Path file, long maxBytes, int keep, RollingFile.Opener opener, PrintStream err, long retryNanos) {
    this.file = file;
    this.retryNanos = retryNanos;
    this.rolling = new RollingFile(file, maxBytes, keep, opener);
    this.err = err;
  }

  /** Failures not written since start-up because the file could not be written. */
  public long failuresNotWritten() {
    return failuresNotWritten.get();
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    Map<String, Object> line = start(event);
    line.putAll(event.attributes());
    if (repeats > 1) {
      line.put(Names.REPEAT_COUNT, repeats);
    }
    append(line, repeats);
  }

  @Override
  public void writeSummary(FailureSummary summary) {
    Map<String, Object> line = start(summary.example());
    line.putAll(summary.example().attributes());
    // The example's own peer would read as the only one: the summary names its peers below.
    for (String peerKey : new String[] {"client.address", "client.port", "server.address", "server.port"}) {
      line.remove(peerKey);
    }
    line.put(Names.REPEAT_COUNT, summary.count());
    line.put(Names.AGGREGATE_TEXT, summary.sentence());
    line.put(Names.AGGREGATE_SINCE, summary.since().toString());
    line.put(Names.AGGREGATE_PEERS_DISTINCT, summary.distinctPeers());
    line.put(Names.AGGREGATE_PEERS_ESTIMATED, summary.distinctEstimated());
    line.put(Names.AGGREGATE_PEERS_EXAMPLES, summary.examplePeers());
    if (!summary.common().isEmpty()) {
      line.put(Names.AGGREGATE_COMMON, summary.common());
    }
    append(line, summary.count());
  }

  private static Map<String, Object> start(FailureEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("event.name", Names.EVENT);
    line.put(Names.SEVERITY, Responsibility.of(event).level());
    return line;
  }

  private synchronized void append(Map<String, Object> line, long failures) {
    long now = System.nanoTime();
    if (failing && now - retryAt < 0) {
      failuresNotWritten.addAndGet(failures);
      return;
    }
    try {
      rolling.append(Json.object(line));
      if (failing) {
        failing = false;
        say("events file " + file + " is writable again; " + failuresNotWritten.get()
            + " failures since start-up were counted but not written");
      }
    } catch (IOException | RuntimeException e) {
      failuresNotWritten.addAndGet(failures);
      rolling.reset();
      retryAt = now + retryNanos;
      if (!failing) {
        failing = true;
        say("events file " + file + " cannot be written (" + e + "); failures are counted but not written"
            + " until it can be (tried again every " + TimeUnit.NANOSECONDS.toSeconds(retryNanos) + " s); the host is unaffected");
      }
    }
  }

  private void say(String message) {
    try {
      err.println("handshake-doctor: " + message);
    } catch (Throwable ignored) {
      // nowhere left to say it; the count above still records it
    }
  }
}
