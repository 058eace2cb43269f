package io.handshakedoctor.wire;

import java.util.ArrayList;
import java.util.List;

/** Splits a stream of handshake messages, {@code (type(1) | length(3) | body)*}, into messages. */
public final class HandshakeMessages {
  private HandshakeMessages() {}

  /** A handshake needs a dozen messages; a stream of empty ones could otherwise hold millions. */
  static final int MAX_MESSAGES = 1024;

  static final int HEADER_LENGTH = 4;

  /**
   * Splits {@code data[offset, offset+length)} (clamped to the array; null reads as empty).
   * A trailing partial message is dropped and flagged as truncated. Never throws.
   */
  public static ParsedMessages split(byte[] data, int offset, int length) {
    List<HandshakeMessage> messages = new ArrayList<>();
    ByteReader in = new ByteReader(data, offset, length);
    while (in.hasRemaining()) {
      if (messages.size() >= MAX_MESSAGES || in.remaining() < HEADER_LENGTH) {
        return new ParsedMessages(messages, true);
      }
      int type = in.u8();
      int bodyLength = in.u24();
      if (bodyLength > in.remaining()) {
        // The declared length is checked against what is there before anything is copied.
        return new ParsedMessages(messages, true);
      }
      messages.add(HandshakeMessage.owning(type, in.bytes(bodyLength)));
    }
    return new ParsedMessages(messages, false);
  }

  /** Splits the whole array. */
  public static ParsedMessages split(byte[] data) {
    return split(data, 0, data == null ? 0 : data.length);
  }
}
