package io.handshakedoctor.emit;

import io.handshakedoctor.config.EnrichmentMode;
import java.lang.reflect.Field;

/**
 * Puts the diagnosis inside the exception the application sees. The default adds a suppressed
 * {@code java.lang.Exception} (a JDK type, so serialising the exception never needs our classes)
 * whose message is the diagnosis; every logging framework prints suppressed exceptions with the
 * stack trace. The exception's own type, message, cause and stack are untouched.
 */
public final class ExceptionEnricher {
  public static final String PREFIX = "handshake-doctor: ";

  private final EnrichmentMode mode;
  private volatile Field detailMessage;

  public ExceptionEnricher(EnrichmentMode mode) {
    this.mode = mode;
  }

  public void enrich(Throwable thrown, FailureEvent event) {
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
