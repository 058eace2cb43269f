package io.handshakedoctor.capture;

/**
 * One slot per thread, made at the thread's first use: a named class rather than {@code
 * ThreadLocal.withInitial(lambda)}, whose lambda would be spun at start-up.
 */
final class ThreadSlot extends ThreadLocal<Object[]> {
  @Override
  protected Object[] initialValue() {
    return new Object[1];
  }
}
