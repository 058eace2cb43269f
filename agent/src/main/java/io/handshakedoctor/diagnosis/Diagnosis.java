package io.handshakedoctor.diagnosis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** The engine's verdict on one failed handshake: the cause, how sure, and what to do. Immutable. */
public final class Diagnosis {
  /** Values of {@link #responsibleParty()}. */
  public static final String SERVER = "server";

  public static final String CLIENT = "client";
  public static final String LOCAL_JVM = "local JVM configuration";
  public static final String NETWORK_PATH = "network path";
  public static final String UNKNOWN_PARTY = "unknown";

  private final Cause cause;
  private final Confidence confidence;
  private final String summary;
  private final String fix;
  private final List<String> evidence;
  private final List<Cause> alternatives;
  private final String responsibleParty;

  private Diagnosis(Builder b) {
    this.cause = Objects.requireNonNull(b.cause, "cause");
    this.confidence = b.confidence == null ? Confidence.LOW : b.confidence;
    this.summary = b.summary == null ? "" : b.summary;
    this.fix = b.fix == null ? "" : b.fix;
    this.evidence = Collections.unmodifiableList(new ArrayList<>(b.evidence));
    LinkedHashSet<Cause> alts = new LinkedHashSet<>(b.alternatives);
    alts.remove(b.cause);
    this.alternatives = Collections.unmodifiableList(new ArrayList<>(alts));
    this.responsibleParty = b.responsibleParty == null ? UNKNOWN_PARTY : b.responsibleParty;
  }

  public static Builder builder(Cause cause) {
    return new Builder(cause);
  }

  /** A builder pre-filled with this diagnosis, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(cause);
    b.confidence = confidence;
    b.summary = summary;
    b.fix = fix;
    b.evidence.addAll(evidence);
    b.alternatives.addAll(alternatives);
    b.responsibleParty = responsibleParty;
    return b;
  }

  public Cause cause() {
    return cause;
  }

  public Category category() {
    return cause.category();
  }

  public Confidence confidence() {
    return confidence;
  }

  /** One specific sentence: names hosts, dates, DNs, protocol lists, and whose side must change. */
  public String summary() {
    return summary;
  }

  /** What to change where, in one or two sentences. */
  public String fix() {
    return fix;
  }

  /** The facts that led to the cause, readable. */
  public List<String> evidence() {
    return evidence;
  }

  /** Causes the evidence could not rule out (empty for most HIGH diagnoses). */
  public List<Cause> alternatives() {
    return alternatives;
  }

  /**
   * Whose side must change: {@value #SERVER}, {@value #CLIENT}, {@value #LOCAL_JVM}, {@value
   * #NETWORK_PATH} or {@value #UNKNOWN_PARTY}.
   */
  public String responsibleParty() {
    return responsibleParty;
  }

  @Override
  public String toString() {
    return cause.id()
        + " ("
        + confidence.id()
        + ", "
        + responsibleParty
        + "): "
        + summary
        + (alternatives.isEmpty() ? "" : " alternatives=" + alternatives);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Cause cause;
    private Confidence confidence;
    private String summary;
    private String fix;
    private final List<String> evidence = new ArrayList<>();
    private final List<Cause> alternatives = new ArrayList<>();
    private String responsibleParty;

    private Builder(Cause cause) {
      this.cause = Objects.requireNonNull(cause, "cause");
    }

    public Builder confidence(Confidence v) {
      confidence = v;
      return this;
    }

    public Builder summary(String v) {
      summary = v;
      return this;
    }

    public Builder fix(String v) {
      fix = v;
      return this;
    }

    /** Adds one fact; null or blank facts are ignored so rules can add optional facts freely. */
    public Builder evidence(String fact) {
      if (fact != null && !fact.trim().isEmpty() && !evidence.contains(fact)) {
        evidence.add(fact);
      }
      return this;
    }

    public Builder evidence(List<String> facts) {
      if (facts != null) {
        for (String fact : facts) {
          evidence(fact);
        }
      }
      return this;
    }

    public Builder alternative(Cause... causes) {
      for (Cause c : causes) {
        if (c != null && !alternatives.contains(c)) {
          alternatives.add(c);
        }
      }
      return this;
    }

    public Builder responsibleParty(String v) {
      responsibleParty = v;
      return this;
    }

    public Diagnosis build() {
      return new Diagnosis(this);
    }
  }
}
