package io.handshakedoctor.capture;

/** One handshake message as it crossed the connection: {@code type|len24|body}, copied. */
final class CapturedMessage {
  private final boolean outbound;
  private final byte[] bytes;

  CapturedMessage(boolean outbound, byte[] bytes) {
    this.outbound = outbound;
    this.bytes = bytes;
  }

  boolean isOutbound() {
    return outbound;
  }

  int type() {
    return bytes.length == 0 ? -1 : bytes[0] & 0xFF;
  }

  /** The body after the 4-byte header; the caller must not modify it. */
  byte[] bytes() {
    return bytes;
  }
}
