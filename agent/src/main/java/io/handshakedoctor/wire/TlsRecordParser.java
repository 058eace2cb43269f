package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads raw record-layer bytes as one direction of a connection sends them (the first bytes
 * received from a peer, or an SSLEngine's wrap output): the record headers, the plaintext alerts,
 * and the handshake messages reassembled across records.
 *
 * <p>Handshake records are only reassembled until change_cipher_spec: in TLS 1.2 what follows is
 * encrypted. One exception keeps TLS 1.3 readable: with middlebox compatibility (which JSSE uses)
 * a CCS can precede the second ClientHello after a HelloRetryRequest, or the ServerHello after
 * one, and those are still plaintext. A post-CCS handshake record is therefore taken when it holds
 * exactly one whole hello (type 1 or 2, legacy_version 0x0303); an encrypted record passing that
 * test by chance is vanishingly unlikely.
 */
public final class TlsRecordParser {
  private TlsRecordParser() {}

  static final int HEADER_LENGTH = 5;
  /** RFC 5246 6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 bytes. */
  static final int MAX_RECORD_LENGTH = 16384 + 2048;
  /** Records kept in {@link RecordStream#records()}; parsing goes on past this. */
  static final int MAX_RECORDS = 4096;

  /** Parses {@code raw[offset, offset+length)}, clamped to the array; null reads as empty. Never throws. */
  public static RecordStream parse(byte[] raw, int offset, int length) {
    try {
      return new Scan(raw, offset, length).run();
    } catch (RuntimeException e) {
      // The scan never throws by design; this only keeps a parser bug out of the handshake.
      List<TlsRecord> none = Collections.emptyList();
      return new RecordStream(
          none, Collections.emptyList(), Collections.emptyList(), null, false, false, true);
    }
  }

  /** Parses the whole array. */
  public static RecordStream parse(byte[] raw) {
    return parse(raw, 0, raw == null ? 0 : raw.length);
  }

  /** True if the header bytes present (up to 5) could begin a TLS record. */
  static boolean plausibleHeaderPrefix(byte[] data, int offset, int available) {
    if (available >= 1) {
      int type = data[offset] & 0xFF;
      if (type < TlsRecord.CHANGE_CIPHER_SPEC || type > TlsRecord.HEARTBEAT) {
        return false;
      }
    }
    if (available >= 2 && (data[offset + 1] & 0xFF) != 0x03) {
      return false;
    }
    return available < 3 || (data[offset + 2] & 0xFF) <= 0x04;
  }

  /** One pass over the bytes; fields collect the result. */
  private static final class Scan {
    private final byte[] data;
    private final int end;
    private int pos;

    private final List<TlsRecord> records = new ArrayList<>();
    private final List<AlertSummary> alerts = new ArrayList<>();
    private ClientHelloSummary sslv2Hello;
    private boolean notTls;
    private boolean truncated;
    private boolean malformed;
    private boolean changeCipherSpecSeen;

    // Plaintext handshake bytes, concatenated; only ever as large as the input.
    private byte[] handshake = new byte[256];
    private int handshakeLength;
    // Offset in handshake[] of the first message not yet known to be complete.
    private int messageBoundary;

    Scan(byte[] raw, int offset, int length) {
      if (raw == null) {
        raw = new byte[0];
      }
      this.data = raw;
      this.pos = Math.max(0, Math.min(offset, raw.length));
      this.end = (int) Math.min((long) pos + Math.max(0, length), raw.length);
    }

    RecordStream run() {
      if (pos < end && SslV2ClientHelloParser.looksLikeSslV2Hello(data, pos, end - pos)) {
        readSslV2Hello();
      } else if (pos < end && !plausibleHeaderPrefix(data, pos, Math.min(HEADER_LENGTH, end - pos))) {
        notTls = true;
        return result();
      }
      while (pos < end && !malformed) {
        readRecord();
      }
      return result();
    }

    private void readSslV2Hello() {
      int available = end - pos;
      int total = SslV2ClientHelloParser.totalLength(data, pos, available);
      if (total < 0 || total > available) {
        truncated = true;
        total = available;
      }
      sslv2Hello = SslV2ClientHelloParser.parse(data, pos, total);
      pos += total;
    }

    private void readRecord() {
      int available = end - pos;
      if (available < HEADER_LENGTH) {
        if (plausibleHeaderPrefix(data, pos, available)) {
          truncated = true;
        } else {
          malformed = true;
        }
        pos = end;
        return;
      }
      if (!plausibleHeaderPrefix(data, pos, HEADER_LENGTH)) {
        malformed = true;
        return;
      }
      int type = data[pos] & 0xFF;
      int version = ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
      int length = ((data[pos + 3] & 0xFF) << 8) | (data[pos + 4] & 0xFF);
      if (records.size() < MAX_RECORDS) {
        records.add(new TlsRecord(type, version, length));
      }
      if (length > MAX_RECORD_LENGTH) {
        malformed = true;
        return;
      }
      int fragmentStart = pos + HEADER_LENGTH;
      int fragmentLength = Math.min(length, end - fragmentStart);
      if (fragmentLength < length) {
        truncated = true; // still use what arrived: a whole message may sit in a cut record
      }
      fragment(type, fragmentStart, fragmentLength, fragmentLength == length);
      pos = fragmentStart + fragmentLength;
    }

    private void fragment(int type, int start, int length, boolean complete) {
      switch (type) {
        case TlsRecord.CHANGE_CIPHER_SPEC:
          changeCipherSpecSeen = true;
          break;
        case TlsRecord.ALERT:
          if (complete) {
            alerts(start, length);
          }
          break;
        case TlsRecord.HANDSHAKE:
          if (!changeCipherSpecSeen || isWholeHelloAtBoundary(start, length)) {
            appendHandshake(start, length);
          }
          break;
        default:
          break; // application_data and heartbeat say nothing about the handshake
      }
    }

    private void alerts(int start, int length) {
      // Two bytes is one plaintext alert. Before CCS several may share a record; after it, any
      // other length is an encrypted alert whose bytes must not be read as level/description.
      if (length == 2 || (!changeCipherSpecSeen && length % 2 == 0)) {
        for (int i = start; i + 1 < start + length; i += 2) {
          AlertSummary alert = AlertParser.parse(data, i);
          if (alert != null && alerts.size() < MAX_RECORDS) {
            alerts.add(alert);
          }
        }
      }
    }

    private boolean isWholeHelloAtBoundary(int start, int length) {
      if (messageBoundary != handshakeLength || length < 6) {
        return false;
      }
      int msgType = data[start] & 0xFF;
      int bodyLength =
          ((data[start + 1] & 0xFF) << 16) | ((data[start + 2] & 0xFF) << 8) | (data[start + 3] & 0xFF);
      return (msgType == 1 || msgType == 2)
          && bodyLength + HandshakeMessages.HEADER_LENGTH == length
          && (data[start + 4] & 0xFF) == 0x03
          && (data[start + 5] & 0xFF) == 0x03;
    }

    private void appendHandshake(int start, int length) {
      if (handshakeLength + length > handshake.length) {
        int capacity = Math.max(handshake.length * 2, handshakeLength + length);
        handshake = Arrays.copyOf(handshake, capacity);
      }
      System.arraycopy(data, start, handshake, handshakeLength, length);
      handshakeLength += length;
      // Advance past every message now complete, so isWholeHelloAtBoundary stays O(1).
      while (handshakeLength - messageBoundary >= HandshakeMessages.HEADER_LENGTH) {
        int bodyLength = ((handshake[messageBoundary + 1] & 0xFF) << 16)
            | ((handshake[messageBoundary + 2] & 0xFF) << 8)
            | (handshake[messageBoundary + 3] & 0xFF);
        int next = messageBoundary + HandshakeMessages.HEADER_LENGTH + bodyLength;
        if (next > handshakeLength) {
          break;
        }
        messageBoundary = next;
      }
    }

    private RecordStream result() {
      ParsedMessages messages = HandshakeMessages.split(handshake, 0, handshakeLength);
      return new RecordStream(
          records,
          new ArrayList<>(messages.messages()),
          alerts,
          sslv2Hello,
          notTls,
          truncated || messages.truncated(),
          malformed);
    }
  }
}
