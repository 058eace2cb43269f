package io.handshakedoctor.wire;

import java.util.Collections;
import java.util.List;

/** The whole handshake messages found in a byte stream, and whether it ended mid-message. */
public final class ParsedMessages {
  private final List<HandshakeMessage> messages;
  private final boolean truncated;

  ParsedMessages(List<HandshakeMessage> messages, boolean truncated) {
    this.messages = Collections.unmodifiableList(messages);
    this.truncated = truncated;
  }

  public List<HandshakeMessage> messages() {
    return messages;
  }

  /**
   * True when bytes were left over after the last whole message (a partial header or body) and
   * were dropped, or when the stream held more messages than are kept.
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return messages + (truncated ? " (truncated)" : "");
  }
}
