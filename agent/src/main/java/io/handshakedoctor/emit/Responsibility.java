package io.handshakedoctor.emit;

import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.Side;

/**
 * Who must act on a failure, seen from this service's operator, and so how loud it is. Only what
 * the operator must act on is a warning: a server-side failure the client caused (old protocols,
 * plain text on the TLS port, no trusted certificate) is the client's business and logs at INFO.
 * Derived from the diagnosis' responsible party and the side; docs/severity.md lists every cause.
 */
public enum Responsibility {
  /** This JVM's own outgoing call failed: whoever must change, the operator has a broken call. */
  OWN_CALL(true, "this JVM's own call failed"),
  /** This service (its certificate, key, chain or policy) must change. */
  THIS_SERVICE(true, "this service must act"),
  /** The client must change; this service is working as configured. */
  CLIENT(false, "the client's problem, not this service's"),
  /** Something between the two (a proxy, a middlebox, the network) must change. */
  NETWORK_PATH(false, "the network path's problem, not this service's"),
  /** The evidence cannot tell whether this service or the client must change. */
  UNDETERMINED(false, "the evidence cannot tell whether this service or the client must act");

  private final boolean warn;
  private final String phrase;

  Responsibility(boolean warn, String phrase) {
    this.warn = warn;
    this.phrase = phrase;
  }

  public static Responsibility of(FailureEvent event) {
    return of(event.evidence().side(), event.diagnosis().responsibleParty());
  }

  static Responsibility of(Side side, String responsibleParty) {
    if (side == Side.CLIENT) {
      return OWN_CALL;
    }
    switch (responsibleParty) {
      case Diagnosis.SERVER:
      case Diagnosis.LOCAL_JVM:
        return THIS_SERVICE;
      case Diagnosis.CLIENT:
        return CLIENT;
      case Diagnosis.NETWORK_PATH:
        return NETWORK_PATH;
      default:
        return UNDETERMINED;
    }
  }

  /** WARN when the operator must act, INFO otherwise. */
  public boolean warn() {
    return warn;
  }

  /** The level's name as written to the events file: {@code WARN} or {@code INFO}. */
  public String level() {
    return warn ? "WARN" : "INFO";
  }

  /** The words a reader sees right after the cause. */
  public String phrase() {
    return phrase;
  }
}
