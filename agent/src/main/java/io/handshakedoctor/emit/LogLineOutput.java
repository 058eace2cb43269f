package io.handshakedoctor.emit;

import io.handshakedoctor.config.LogTarget;

/**
 * The readable one-line diagnosis. {@code AUTO} goes through {@link System.Logger} named {@code
 * handshake.doctor}, which the host's logging may own; it is looked up at the first failure, never
 * at start-up, so the agent does not initialise the host's logging.
 */
public final class LogLineOutput implements FailureOutput {
  public static final String LOGGER_NAME = "handshake.doctor";

  private final LogTarget target;
  private volatile System.Logger logger;

  public LogLineOutput(LogTarget target) {
    this.target = target;
  }

  @Override
  public void write(FailureEvent event, long repeats) {
    String line = line(event, repeats);
    if (target == LogTarget.STDERR) {
      System.err.println(line);
    } else if (target == LogTarget.AUTO) {
      logger().log(System.Logger.Level.WARNING, line);
    }
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
        .append(" confidence): ")
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
