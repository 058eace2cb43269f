package io.handshakedoctor.capture;

/**
 * The seam through which the capture learns which request a connection serves: the OpenTelemetry
 * output provides one that answers the calling thread's trace context while the OpenTelemetry Java
 * agent is attached. The capture holds what it answers as an opaque {@code Object}, so it depends
 * on no output and loads no OpenTelemetry class; without OpenTelemetry the source is {@link #NONE}.
 */
public interface RequestContextSource {
  RequestContextSource NONE =
      new RequestContextSource() {
        @Override
        public Object current() {
          return null;
        }
      };

  /**
   * The request context current on this thread, or null when there is none worth keeping. Called
   * for each new engine and at each failure: cheap, and without allocation when there is none.
   */
  Object current();
}
