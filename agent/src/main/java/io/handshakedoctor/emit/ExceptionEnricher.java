package io.handshakedoctor.emit;

import io.handshakedoctor.config.EnrichmentMode;
import java.io.IOException;
import java.lang.reflect.Field;
import javax.net.ssl.SSLException;

/**
 * Puts the diagnosis inside the exception the application sees. The default adds a suppressed
 * {@code java.lang.Exception} (a JDK type, so serialising the exception never needs our classes)
 * whose message is the diagnosis; every logging framework prints suppressed exceptions with the
 * stack trace. The exception's own type, message, cause and stack are untouched. Not final: a
 * {@code PartDecorator} may stand in front of it (docs/reliability.md).
 */
public class ExceptionEnricher {
  public static final String PREFIX = "handshake-doctor: ";

  private final EnrichmentMode mode;
  private volatile Field detailMessage;

  public ExceptionEnricher(EnrichmentMode mode) {
    this.mode = mode;
  }

  public void enrich(Throwable failure, FailureEvent event) {
    Throwable thrown = target(failure);
    if (thrown == null || mode == EnrichmentMode.OFF || alreadyEnriched(thrown)) {
      return;
    }
    String text = PREFIX + event.sentence();
    if (mode == EnrichmentMode.MESSAGE && appendToMessage(thrown, text)) {
      return;
    }
    Exception diagnosis = new Exception(text);
    diagnosis.setStackTrace(new StackTraceElement[0]);
    thrown.addSuppressed(diagnosis);
  }

  /**
   * The exception the application will see. When the transport itself failed mid-handshake
   * (connection reset, broken pipe, end of stream), JSSE wraps the I/O exception in an
   * SSLException for its bookkeeping, and {@code SSLSocket} then throws the original I/O exception
   * and drops the wrapper. Enriching the I/O exception reaches the application either way: as the
   * exception itself, or as the cause of any wrapper that keeps it.
   */
  static Throwable target(Throwable thrown) {
    if (thrown instanceof SSLException) {
      Throwable cause = thrown.getCause();
      if (cause instanceof IOException && !(cause instanceof SSLException)) {
        return cause;
      }
    }
    return thrown;
  }

  private static boolean alreadyEnriched(Throwable thrown) {
    for (Throwable s : thrown.getSuppressed()) {
      String message = s.getMessage();
      if (message != null && message.startsWith(PREFIX)) {
        return true;
      }
    }
    String message = thrown.getMessage();
    return message != null && message.contains(" [" + PREFIX.trim());
  }

  private boolean appendToMessage(Throwable thrown, String text) {
    try {
      Field f = detailMessage;
      if (f == null) {
        f = Throwable.class.getDeclaredField("detailMessage");
        f.setAccessible(true);
        detailMessage = f;
      }
      String original = thrown.getMessage();
      f.set(thrown, (original == null ? "" : original) + " [" + text + "]");
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // java.lang not opened to the agent: fall back to a suppressed exception
    }
  }
}
