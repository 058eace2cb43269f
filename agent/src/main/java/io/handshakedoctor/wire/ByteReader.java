package io.handshakedoctor.wire;

import java.util.Arrays;

/**
 * A forward-only cursor over a slice of a byte array that never throws: reads past the end
 * return -1 (or null) and set {@link #malformed()}, so a parser fed hostile bytes ends with a
 * partial result instead of an exception. Lengths read from the wire are only ever compared
 * with the bytes actually present, never used to size an allocation on their own.
 */
final class ByteReader {
  private final byte[] data;
  private final int end;
  private int pos;
  private boolean malformed;

  /** A reader over {@code data[offset, offset+length)}, clamped to the array; null reads as empty. */
  ByteReader(byte[] data, int offset, int length) {
    if (data == null) {
      this.data = new byte[0];
      this.pos = 0;
      this.end = 0;
      return;
    }
    int start = Math.max(0, Math.min(offset, data.length));
    // long arithmetic: offset + length may overflow int for hostile arguments
    long stop = (long) start + Math.max(0, length);
    this.data = data;
    this.pos = start;
    this.end = (int) Math.min(stop, data.length);
  }

  ByteReader(byte[] data) {
    this(data, 0, data == null ? 0 : data.length);
  }

  int remaining() {
    return end - pos;
  }

  boolean hasRemaining() {
    return pos < end;
  }

  /** True once a read asked for more bytes than were there, or a caller flagged an inconsistency. */
  boolean malformed() {
    return malformed;
  }

  void markMalformed() {
    malformed = true;
  }

  int position() {
    return pos;
  }

  int u8() {
    if (remaining() < 1) {
      return shortRead();
    }
    return data[pos++] & 0xFF;
  }

  int u16() {
    if (remaining() < 2) {
      return shortRead();
    }
    int value = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  int u24() {
    if (remaining() < 3) {
      return shortRead();
    }
    int value = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
    pos += 3;
    return value;
  }

  /** Skips n bytes; false (and malformed) if fewer remain, in which case the rest is skipped. */
  boolean skip(int n) {
    if (n < 0 || n > remaining()) {
      pos = end;
      malformed = true;
      return false;
    }
    pos += n;
    return true;
  }

  /** Copies the next n bytes; when fewer remain, copies what is there and flags malformed. */
  byte[] bytes(int n) {
    int take = Math.max(0, Math.min(n, remaining()));
    if (take < n) {
      malformed = true;
    }
    byte[] copy = Arrays.copyOfRange(data, pos, pos + take);
    pos += take;
    return copy;
  }

  /**
   * A reader over the next n bytes, advancing past them. When the declared length runs past the
   * end, the sub-reader covers what is left and both readers are flagged: the caller still gets
   * whatever entries fit.
   */
  ByteReader sub(int n) {
    int take = Math.max(0, Math.min(n, remaining()));
    ByteReader sub = new ByteReader(data, pos, take);
    if (take < n) {
      malformed = true;
      sub.malformed = true;
    }
    pos += take;
    return sub;
  }

  /** A TLS vector with a 1-byte length prefix: {@code opaque x<0..2^8-1>}. */
  ByteReader vector8() {
    int n = u8();
    return n < 0 ? empty() : sub(n);
  }

  /** A TLS vector with a 2-byte length prefix. */
  ByteReader vector16() {
    int n = u16();
    return n < 0 ? empty() : sub(n);
  }

  /** A TLS vector with a 3-byte length prefix (certificate lists). */
  ByteReader vector24() {
    int n = u24();
    return n < 0 ? empty() : sub(n);
  }

  /** Copies everything that is left. */
  byte[] rest() {
    return bytes(remaining());
  }

  /** True if the bytes at the cursor equal {@code expected}; does not move. */
  boolean startsWith(byte[] expected) {
    if (remaining() < expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (data[pos + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private ByteReader empty() {
    ByteReader empty = new ByteReader(data, end, 0);
    empty.malformed = true;
    return empty;
  }

  private int shortRead() {
    pos = end;
    malformed = true;
    return -1;
  }
}
