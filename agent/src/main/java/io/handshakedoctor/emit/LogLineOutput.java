package io.handshakedoctor.emit;

import io.handshakedoctor.config.LogTarget;

/**
 * The readable one-line diagnosis, logger {@code handshake.doctor}. {@code AUTO} goes through the
 * application's SLF4J when it has one with a provider (found through the failing thread's context
 * class loader, then the system class loader), else through {@link System.Logger}, which the host's
 * logging may own (JUL by default). Both are looked up at the first failure, never at start-up, so
 * the agent neither initialises nor reconfigures the host's logging. The level follows {@link
 * Responsibility}: WARN only for what this service's operator must act on. A failure raised while this
 * thread is already writing a line (an appender that itself speaks TLS) goes to standard error.
 */
public final class LogLineOutput implements FailureOutput {
  public static final String LOGGER_NAME = "handshake.doctor";

  private final LogTarget target;
  private final ThreadLocal<Boolean> writing = new ThreadLocal<>();
  private volatile boolean resolved;
  private volatile Slf4jLineSink slf4j;
  private volatile System.Logger logger;
  private volatile boolean exiting;

  public LogLineOutput(LogTarget target) {
    this.target = target;
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    emit(Responsibility.of(event).warn(), line(event, repeats));
  }

  @Override
  public void writeSummary(FailureSummary summary) {
    emit(Responsibility.of(summary.example()).warn(), "handshake-doctor: " + summary.sentence());
  }

  @Override
  public void exiting() {
    exiting = true;
  }

  /** WARN for what the operator must act on, INFO for the rest (see {@link Responsibility}). */
  private void emit(boolean warn, String line) {
    if (target == LogTarget.STDERR) {
      System.err.println(line);
    } else if (target == LogTarget.AUTO) {
      if (writing.get() != null) {
        System.err.println(line);
        return;
      }
      writing.set(Boolean.TRUE);
      try {
        Slf4jLineSink sink = slf4j();
        if (sink != null && sink.log(warn, line)) {
          return;
        }
        if (exiting) {
          System.err.println(line); // JUL closes its handlers in a shutdown hook of its own
        } else {
          logger().log(warn ? System.Logger.Level.WARNING : System.Logger.Level.INFO, line);
        }
      } finally {
        writing.remove();
      }
    }
  }

  /**
   * The host's SLF4J, or null to use System.Logger; decided at the first failure. Unsynchronised
   * on purpose (two threads may both look, with the same answer): holding a lock of ours while
   * SLF4J initialises could deadlock with a thread that fails a handshake inside SLF4J's own.
   */
  private Slf4jLineSink slf4j() {
    if (resolved) {
      return slf4j;
    }
    Slf4jLineSink[] found = new Slf4jLineSink[1];
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    Slf4jLineSink.Lookup lookup = Slf4jLineSink.find(context, LOGGER_NAME, found);
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (lookup == Slf4jLineSink.Lookup.ABSENT && system != context) {
      lookup = Slf4jLineSink.find(system, LOGGER_NAME, found);
    }
    if (lookup == Slf4jLineSink.Lookup.NOT_YET) {
      return null; // SLF4J is starting up on this thread: System.Logger now, ask again next time
    }
    slf4j = found[0];
    resolved = true;
    return found[0];
  }

  static String line(FailureEvent event, long repeats) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("handshake-doctor: TLS ")
        .append(event.evidence().side().attributeValue())
        .append(" handshake with ")
        .append(event.peer())
        .append(" failed: ")
        .append(event.diagnosis().cause().id())
        .append(" (")
        .append(event.diagnosis().confidence().id())
        .append(" confidence; ")
        .append(Responsibility.of(event).phrase())
        .append("): ")
        .append(event.summary())
        .append("; fix: ")
        .append(event.diagnosis().fix());
    if (repeats > 1) {
      sb.append(" [").append(repeats).append(" such failures since the last report]");
    }
    return sb.toString();
  }

  private System.Logger logger() {
    System.Logger l = logger;
    if (l == null) {
      l = System.getLogger(LOGGER_NAME);
      logger = l;
    }
    return l;
  }
}
