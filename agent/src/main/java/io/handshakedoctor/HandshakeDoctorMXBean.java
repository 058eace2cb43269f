package io.handshakedoctor;

/**
 * The agent's JMX view, {@code io.handshakedoctor:type=HandshakeDoctor}: registered at the first
 * failed handshake or at an attach, never at start-up (the host's JMX and logging set-up come
 * first). See docs/configuration.md, "Control at run time".
 */
public interface HandshakeDoctorMXBean {
  /** Failed handshakes seen since start-up, reporting on or off, before any folding. */
  long getFailures();

  /** Failures the events file could not take (disk full, unwritable) since start-up. */
  long getFailuresNotWritten();

  /** Whether failures are diagnosed and reported (log, events file, OpenTelemetry, exception). */
  boolean isReporting();

  /** Turns reporting off or on; the hooks stay in place and failures are still counted. */
  void setReporting(boolean on);
}
