package io.handshakedoctor.capture;

/** Where the agent reports a fault of its own (logged once per place, always counted). */
public interface InternalErrorReporter {
  void internalError(String where, Throwable error);
}
