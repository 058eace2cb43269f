package io.handshakedoctor.wire;

import java.util.Arrays;

/** One whole handshake message: its type and the body that followed the 4-byte header. Immutable. */
public final class HandshakeMessage {
  private final int type;
  private final byte[] body;

  /** Copies {@code body}; null reads as empty. */
  public HandshakeMessage(int type, byte[] body) {
    this.type = type & 0xFF;
    this.body = body == null ? new byte[0] : body.clone();
  }

  /** Takes ownership of an array nobody else holds (used when the parser has just copied it). */
  static HandshakeMessage owning(int type, byte[] body) {
    return new HandshakeMessage(type & 0xFF, body, true);
  }

  private HandshakeMessage(int type, byte[] body, boolean owned) {
    this.type = type;
    this.body = body;
  }

  /** The handshake type code, e.g. 1 for client_hello. */
  public int type() {
    return type;
  }

  /** The type's RFC name, e.g. {@code client_hello}. */
  public String typeName() {
    return TlsNames.handshakeType(type);
  }

  /** A copy of the body (without the 4-byte header). */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes. */
  public int length() {
    return body.length;
  }

  /** The message as it travels: {@code type(1) | length(3) | body}. */
  public byte[] encoded() {
    byte[] out = new byte[4 + body.length];
    out[0] = (byte) type;
    out[1] = (byte) (body.length >>> 16);
    out[2] = (byte) (body.length >>> 8);
    out[3] = (byte) body.length;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  /** Read-only access for parsers in this package, avoiding a copy per look. */
  byte[] bodyUnsafe() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HandshakeMessage)) {
      return false;
    }
    HandshakeMessage other = (HandshakeMessage) o;
    return type == other.type && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return typeName() + " (" + body.length + " bytes)";
  }
}
