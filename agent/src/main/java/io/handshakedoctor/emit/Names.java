package io.handshakedoctor.emit;

/**
 * Every name the agent emits that it made up itself, in one namespace of its own,
 * {@code handshake_doctor.} (docs/attributes.md says why). The semantic conventions' registry names
 * it also emits ({@code server.address}, {@code tls.cipher}, ...) are written where they are set,
 * exactly as the registry spells them. The events file, the OpenTelemetry log event, the span event
 * and the metric all use these names; the log line is the readable sentence made of the same values.
 */
public final class Names {
  /** The project's namespace: no semantic-convention namespace is a prefix of it. */
  public static final String NAMESPACE = "handshake_doctor.";

  /** The event: a log record's event name, a span event's name, the events file's {@code event.name}. */
  public static final String EVENT = NAMESPACE + "handshake.failure";

  /** The counter of failed handshakes, unit {@code {handshake}}. */
  public static final String FAILURES_METRIC = NAMESPACE + "handshake.failures";

  /** The early-warning event (docs/early-warnings.md), same outputs as the failure event. */
  public static final String WARNING_EVENT = NAMESPACE + "handshake.warning";

  /** Early warnings raised, unit {@code {warning}}, by warning and side. */
  public static final String WARNINGS_METRIC = NAMESPACE + "handshake.warnings";

  /** Successful handshakes by side, protocol and suite (observable counter), unit {@code {handshake}}. */
  public static final String HANDSHAKES_METRIC = NAMESPACE + "handshakes";

  /** Seconds until the earliest certificate expiry of a peer (gauge), unit {@code s}. */
  public static final String EXPIRY_METRIC = NAMESPACE + "certificate.expiry";

  public static final String WARNING = NAMESPACE + "warning";
  public static final String CERTIFICATE_SUBJECT = NAMESPACE + "certificate.subject";
  public static final String CERTIFICATE_ISSUER = NAMESPACE + "certificate.issuer";
  public static final String CERTIFICATE_NOT_AFTER = NAMESPACE + "certificate.not_after";
  public static final String CERTIFICATE_DAYS_LEFT = NAMESPACE + "certificate.days_left";
  public static final String CATEGORY = NAMESPACE + "category";
  public static final String CAUSE = NAMESPACE + "cause";
  public static final String CONFIDENCE = NAMESPACE + "confidence";
  public static final String SIDE = NAMESPACE + "side";
  public static final String SUMMARY = NAMESPACE + "summary";
  public static final String FIX = NAMESPACE + "fix";
  public static final String RESPONSIBLE = NAMESPACE + "responsible";
  public static final String EVIDENCE = NAMESPACE + "evidence";
  public static final String ALTERNATIVE_CAUSES = NAMESPACE + "alternative_causes";
  public static final String SNI = NAMESPACE + "sni";
  public static final String ALERT_DESCRIPTION = NAMESPACE + "alert.description";
  public static final String ALERT_DIRECTION = NAMESPACE + "alert.direction";
  public static final String PROTOCOLS_OFFERED = NAMESPACE + "protocols.offered";
  public static final String PROTOCOLS_ENABLED = NAMESPACE + "protocols.enabled";
  /** JA4 of the ClientHello (FoxIO's TLS-client method); JA3 has the registry's {@code tls.client.ja3}. */
  public static final String CLIENT_JA4 = NAMESPACE + "client.ja4";
  public static final String PEER_CERTIFICATE_CHAIN = NAMESPACE + "peer_certificate_chain";
  /** Only in log-type outputs: how many equal failures one entry stands for. */
  public static final String REPEAT_COUNT = NAMESPACE + "repeat.count";

  /** Events file and OpenTelemetry log event: {@code WARN} when this service's operator must act, else {@code INFO} ({@link Responsibility}). */
  public static final String SEVERITY = NAMESPACE + "severity";

  // An aggregate: the failures of one group held back over an interval ({@link FailureSummary}).
  public static final String AGGREGATE_TEXT = NAMESPACE + "aggregate.text";
  public static final String AGGREGATE_SINCE = NAMESPACE + "aggregate.since";
  public static final String AGGREGATE_PEERS_DISTINCT = NAMESPACE + "aggregate.peers.distinct";
  public static final String AGGREGATE_PEERS_ESTIMATED = NAMESPACE + "aggregate.peers.estimated";
  public static final String AGGREGATE_PEERS_EXAMPLES = NAMESPACE + "aggregate.peers.examples";
  public static final String AGGREGATE_COMMON = NAMESPACE + "aggregate.common";

  private Names() {}
}
