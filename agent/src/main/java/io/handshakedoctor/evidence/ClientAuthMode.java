package io.handshakedoctor.evidence;

/** The server's demand for a client certificate, as configured locally. */
public enum ClientAuthMode {
  NONE,
  WANTED,
  REQUIRED
}
