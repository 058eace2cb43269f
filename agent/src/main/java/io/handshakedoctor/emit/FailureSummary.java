package io.handshakedoctor.emit;

import java.time.Instant;
import java.util.List;

/**
 * Failures of one group (side, cause, common trait) held back in one interval because the
 * interval's budget of single reports was spent: how many, from how many distinct peers, a few
 * examples and what they had in common. The first failure of the group stands as the example.
 */
public final class FailureSummary {
  private final FailureEvent example;
  private final long count;
  private final long distinctPeers;
  private final boolean distinctEstimated;
  private final List<String> examplePeers;
  private final String common;
  private final Instant since;

  FailureSummary(FailureEvent example, long count, long distinctPeers, boolean distinctEstimated,
      List<String> examplePeers, String common, Instant since) {
    this.example = example;
    this.count = count;
    this.distinctPeers = distinctPeers;
    this.distinctEstimated = distinctEstimated;
    this.examplePeers = List.copyOf(examplePeers);
    this.common = common;
    this.since = since;
  }

  /** The group's first failure: its side, cause, diagnosis and fix stand for the group. */
  public FailureEvent example() {
    return example;
  }

  /** How many failures this summary stands for. */
  public long count() {
    return count;
  }

  /** Distinct peer addresses among them; an estimate when {@link #distinctEstimated()}. */
  public long distinctPeers() {
    return distinctPeers;
  }

  public boolean distinctEstimated() {
    return distinctEstimated;
  }

  /** Up to three peers, in the order they failed. */
  public List<String> examplePeers() {
    return examplePeers;
  }

  /** What they had in common beyond the cause ("offered only TLSv1"), or empty. */
  public String common() {
    return common;
  }

  /** When the interval this summary covers began. */
  public Instant since() {
    return since;
  }

  /** The sentence a person reads, after the "handshake-doctor: " prefix. */
  public String sentence() {
    Responsibility r = Responsibility.of(example);
    String peers = example.evidence().side() == io.handshakedoctor.evidence.Side.SERVER ? "client" : "server";
    StringBuilder sb = new StringBuilder(256);
    sb.append("TLS ").append(example.evidence().side().attributeValue()).append(" handshakes failed ")
        .append(String.format(java.util.Locale.ROOT, "%,d", count)).append(count == 1 ? " time" : " times")
        .append(" from ").append(distinctEstimated ? "about " : "")
        .append(String.format(java.util.Locale.ROOT, "%,d", distinctPeers)).append(' ').append(peers)
        .append(distinctPeers == 1 ? " address since " : " addresses since ").append(since).append(": ")
        .append(example.diagnosis().cause().id()).append(" (").append(r.phrase()).append(')');
    if (!common.isEmpty()) {
      sb.append("; they ").append(common);
    }
    sb.append("; examples: ").append(String.join(", ", examplePeers));
    sb.append("; first: ").append(example.summary()).append("; fix: ").append(example.diagnosis().fix());
    return sb.toString();
  }
}
