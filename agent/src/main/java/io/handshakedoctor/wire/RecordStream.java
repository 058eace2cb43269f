package io.handshakedoctor.wire;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.ClientHelloSummary;
import java.util.Collections;
import java.util.List;

/** What {@link TlsRecordParser} found in raw record-layer bytes. Immutable. */
public final class RecordStream {
  private final List<TlsRecord> records;
  private final List<HandshakeMessage> handshakeMessages;
  private final List<AlertSummary> alerts;
  private final ClientHelloSummary sslv2Hello;
  private final boolean notTls;
  private final boolean truncated;
  private final boolean malformed;

  RecordStream(
      List<TlsRecord> records,
      List<HandshakeMessage> handshakeMessages,
      List<AlertSummary> alerts,
      ClientHelloSummary sslv2Hello,
      boolean notTls,
      boolean truncated,
      boolean malformed) {
    this.records = Collections.unmodifiableList(records);
    this.handshakeMessages = Collections.unmodifiableList(handshakeMessages);
    this.alerts = Collections.unmodifiableList(alerts);
    this.sslv2Hello = sslv2Hello;
    this.notTls = notTls;
    this.truncated = truncated;
    this.malformed = malformed;
  }

  /** The record headers, in order (at most {@link TlsRecordParser#MAX_RECORDS}). */
  public List<TlsRecord> records() {
    return records;
  }

  /** Whole handshake messages reassembled from the plaintext handshake records. */
  public List<HandshakeMessage> handshakeMessages() {
    return handshakeMessages;
  }

  /** Plaintext alerts, in order. */
  public List<AlertSummary> alerts() {
    return alerts;
  }

  /** The bytes began with an SSLv2-compatible ClientHello (see {@link #sslv2Hello()}). */
  public boolean sslv2CompatibleHello() {
    return sslv2Hello != null;
  }

  /** The SSLv2-compatible ClientHello the bytes began with, or null. */
  public ClientHelloSummary sslv2Hello() {
    return sslv2Hello;
  }

  /** The first bytes are not a TLS record header (nor an SSLv2 hello); see {@link PeerBytes}. */
  public boolean notTls() {
    return notTls;
  }

  /** The bytes ended mid-record or mid-handshake-message. */
  public boolean truncated() {
    return truncated;
  }

  /**
   * After at least one good record, the bytes stopped looking like records (a bad header or an
   * over-long record), or a record was implausible; parsing stopped there.
   */
  public boolean malformed() {
    return malformed;
  }

  @Override
  public String toString() {
    return "RecordStream{records=" + records + ", messages=" + handshakeMessages
        + ", alerts=" + alerts + (sslv2Hello != null ? ", sslv2Hello" : "")
        + (notTls ? ", notTls" : "") + (truncated ? ", truncated" : "")
        + (malformed ? ", malformed" : "") + "}";
  }
}
