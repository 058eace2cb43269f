package io.handshakedoctor.wire;

import java.io.ByteArrayOutputStream;

/** Builds wire structures by hand for tests: fixed-width integers and length-prefixed vectors. */
final class WireBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static WireBytes of() {
    return new WireBytes();
  }

  WireBytes u8(int v) {
    out.write(v);
    return this;
  }

  WireBytes u16(int... values) {
    for (int v : values) {
      out.write(v >>> 8);
      out.write(v);
    }
    return this;
  }

  WireBytes u24(int v) {
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  WireBytes raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  WireBytes ascii(String s) {
    return raw(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  WireBytes zeros(int n) {
    return raw(new byte[n]);
  }

  WireBytes vector8(WireBytes inner) {
    return u8(inner.size()).raw(inner.bytes());
  }

  WireBytes vector16(WireBytes inner) {
    return u16(inner.size()).raw(inner.bytes());
  }

  WireBytes vector24(WireBytes inner) {
    return u24(inner.size()).raw(inner.bytes());
  }

  /** An extension: type(2) and its data as a 2-byte-length vector. */
  WireBytes extension(int type, WireBytes data) {
    return u16(type).vector16(data);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** A handshake message: type(1) | length(3) | body. */
  static byte[] message(int type, byte[] body) {
    return of().u8(type).u24(body.length).raw(body).bytes();
  }

  /** One TLS record with the given content type, version 0x0303. */
  static byte[] record(int contentType, byte[] fragment) {
    return of().u8(contentType).u16(0x0303).u16(fragment.length).raw(fragment).bytes();
  }

  static byte[] concat(byte[]... parts) {
    WireBytes all = of();
    for (byte[] p : parts) {
      all.raw(p);
    }
    return all.bytes();
  }
}
