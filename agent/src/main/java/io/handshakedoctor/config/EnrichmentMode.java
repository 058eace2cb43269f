package io.handshakedoctor.config;

/** How the diagnosis reaches the exception the application sees. */
public enum EnrichmentMode {
  /** Add a suppressed exception carrying the diagnosis (type, message and stack unchanged). */
  SUPPRESSED,
  /** Append the diagnosis to the exception's message (for pipelines that drop suppressed ones). */
  MESSAGE,
  /** Leave the exception alone. */
  OFF
}
