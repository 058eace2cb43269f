package io.handshakedoctor.wire;

/** The header of one TLS record: {@code content_type(1) | version(2) | length(2)}. Immutable. */
public final class TlsRecord {
  static final int CHANGE_CIPHER_SPEC = 20;
  static final int ALERT = 21;
  static final int HANDSHAKE = 22;
  static final int APPLICATION_DATA = 23;
  static final int HEARTBEAT = 24;

  private final int contentType;
  private final int version;
  private final int length;

  TlsRecord(int contentType, int version, int length) {
    this.contentType = contentType;
    this.version = version;
    this.length = length;
  }

  public int contentType() {
    return contentType;
  }

  /** e.g. {@code handshake}, {@code alert}, {@code application_data}. */
  public String contentTypeName() {
    return TlsNames.contentType(contentType);
  }

  /** The record-layer version code (0x0301 in many first ClientHellos, 0x0303 afterwards). */
  public int version() {
    return version;
  }

  /** The fragment length the header declared (the bytes may have ended sooner). */
  public int length() {
    return length;
  }

  @Override
  public String toString() {
    return contentTypeName() + " " + TlsNames.protocolVersion(version) + " (" + length + " bytes)";
  }
}
