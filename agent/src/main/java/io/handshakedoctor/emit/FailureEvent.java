package io.handshakedoctor.emit;

import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.Map;

/**
 * One failed handshake as every output sees it: the evidence, the diagnosis, and the flat
 * attributes (the semantic conventions' registry names where they exist, {@link Names} otherwise)
 * that docs/attributes.md describes.
 */
public final class FailureEvent {
  private final HandshakeEvidence evidence;
  private final Diagnosis diagnosis;
  private final Map<String, Object> attributes;
  private final Object requestContext;

  public FailureEvent(HandshakeEvidence evidence, Diagnosis diagnosis) {
    this(evidence, diagnosis, null);
  }

  /** {@code requestContext}: the capture's request context of the failing connection, or null. */
  public FailureEvent(HandshakeEvidence evidence, Diagnosis diagnosis, Object requestContext) {
    this.evidence = evidence;
    this.diagnosis = diagnosis;
    this.attributes = EventAttributes.of(evidence, diagnosis);
    this.requestContext = requestContext;
  }

  public HandshakeEvidence evidence() {
    return evidence;
  }

  public Diagnosis diagnosis() {
    return diagnosis;
  }

  /**
   * The request the failing connection served, as the capture found it (an OpenTelemetry
   * {@code Context} while the OpenTelemetry Java agent is attached; opaque to every other output),
   * or null when none was seen.
   */
  public Object requestContext() {
    return requestContext;
  }

  /** Attribute name to a String, Long, Boolean or List of String; insertion-ordered. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The peer as {@code host:port} (host only when the port is unknown). */
  public String peer() {
    String host = evidence.peerHost() == null ? "unknown host" : evidence.peerHost();
    return evidence.peerPort() > 0 ? host + ":" + evidence.peerPort() : host;
  }

  /** The sentence a person reads: cause, summary and fix. */
  public String sentence() {
    return diagnosis.cause().id() + ": " + summary() + "; fix: " + diagnosis.fix();
  }

  /** The diagnosis summary without a closing period, for joining with "; fix: ...". */
  public String summary() {
    String s = diagnosis.summary() == null ? "" : diagnosis.summary().trim();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
