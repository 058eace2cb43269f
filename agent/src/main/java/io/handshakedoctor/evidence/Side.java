package io.handshakedoctor.evidence;

/** Which end of the TLS connection this JVM played. */
public enum Side {
  CLIENT,
  SERVER;

  /** The lower-case form used in attributes ({@code client} or {@code server}). */
  public String attributeValue() {
    return this == CLIENT ? "client" : "server";
  }
}
