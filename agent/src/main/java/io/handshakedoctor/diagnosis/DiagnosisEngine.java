package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.wire.PeerBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Names the cause of a failed handshake. Rules run in order of specificity and the first that
 * applies wins; when its confidence is below HIGH, the causes of later matching rules are added
 * as alternatives. The engine never throws and never returns null: a rule that throws is skipped,
 * and evidence no rule explains yields {@link Cause#UNKNOWN} with the raw facts. A rule that throws
 * is also reported to the engine's fault handler (the agent counts it as an internal fault).
 */
public final class DiagnosisEngine {
  private static final BiConsumer<String, Throwable> IGNORE_FAULTS = (where, fault) -> {};

  private final List<DiagnosisRule> rules;
  private final BiConsumer<String, Throwable> onRuleFault;

  public DiagnosisEngine(List<DiagnosisRule> rules) {
    this(rules, IGNORE_FAULTS);
  }

  /** {@code onRuleFault} hears of every rule that throws: where ("diagnosis rule: Name") and what. */
  public DiagnosisEngine(List<DiagnosisRule> rules, BiConsumer<String, Throwable> onRuleFault) {
    this.onRuleFault = onRuleFault == null ? IGNORE_FAULTS : onRuleFault;
    List<DiagnosisRule> copy = new ArrayList<>();
    if (rules != null) {
      for (DiagnosisRule r : rules) {
        if (r != null) {
          copy.add(r);
        }
      }
    }
    this.rules = Collections.unmodifiableList(copy);
  }

  /** All rules, most specific first. */
  public static DiagnosisEngine standard() {
    return new DiagnosisEngine(standardRules());
  }

  /** The standard rules, reporting a rule that throws to {@code onRuleFault}. */
  public static DiagnosisEngine standard(BiConsumer<String, Throwable> onRuleFault) {
    return new DiagnosisEngine(standardRules(), onRuleFault);
  }

  /**
   * The standard rules in order. Why this order: direct JSSE statements on this side (an SSLv2 hello, non-TLS
   * bytes, version/suite/SNI/ALPN/credential messages) come first; client-certificate rules
   * precede certificate validation so a server judging a client chain is never mistaken for a
   * client judging a server; a CA distrusted by policy is said before anything else about the chain; time-based certificate faults precede interception (an expired
   * certificate is expired whoever issued it), interception precedes the generic PKIX story; the
   * inferred causes (bare handshake_failure, timeouts, resets) come last.
   */
  public static List<DiagnosisRule> standardRules() {
    return Arrays.asList(
        new SslV2ClientHelloRule(),
        new NonTlsPeerRule(),
        new HandshakeMessageTooLargeRule(),
        new LocalProtocolPolicyRule(),
        new NoCommonProtocolVersionRule(),
        new NoCommonCipherSuiteRule(),
        new SniUnrecognizedNameRule(),
        new AlpnMismatchRule(),
        new LocalCredentialsMissingRule(),
        new ClientRenegotiationRefusedRule(),
        new WeakEphemeralDhRule(),
        new SignatureSchemeOrGroupRule(),
        new ClientCertificateMissingRule(),
        new ClientCertificateRejectedRule(),
        new ServerCertificateRejectedByClientRule(),
        new CaDistrustedByPolicyRule(),
        new ExpiredCertificateRule(),
        new NotYetValidCertificateRule(),
        new RevokedCertificateRule(),
        new TlsInterceptionRule(),
        new WeakCertificateAlgorithmRule(),
        new CertificateUsageRule(),
        new SniMissingRule(),
        new HostnameMismatchRule(),
        new PkixPathBuildingRule(),
        new HandshakeFailureAlertRule(),
        new HandshakeTimeoutRule(),
        new ConnectionResetRule(),
        new PeerProtocolViolationRule(),
        new LocalTlsStackFailureRule());
  }

  public List<DiagnosisRule> rules() {
    return rules;
  }

  /** The diagnosis for {@code evidence}; never throws, never null. */
  public Diagnosis diagnose(HandshakeEvidence evidence) {
    if (evidence == null) {
      return Diagnosis.builder(Cause.UNKNOWN)
          .confidence(Confidence.LOW)
          .summary("No evidence was captured for this handshake failure.")
          .fix("Reproduce with -Djavax.net.debug=ssl:handshake to see the handshake.")
          .responsibleParty(Diagnosis.UNKNOWN_PARTY)
          .build();
    }
    Failures failures;
    try {
      failures = Failures.of(evidence); // once: every rule reads the same prepared failures
    } catch (RuntimeException | LinkageError | StackOverflowError ex) {
      return diagnosisFailed(ex);
    }
    List<String> ruleErrors = new ArrayList<>();
    Diagnosis chosen = null;
    List<Cause> later = new ArrayList<>();
    for (DiagnosisRule rule : rules) {
      Optional<Diagnosis> result = safely(rule, evidence, failures, ruleErrors);
      if (result == null || !result.isPresent()) {
        continue;
      }
      if (chosen == null) {
        chosen = result.get();
        if (chosen.confidence() == Confidence.HIGH) {
          break;
        }
      } else if (result.get().cause() != chosen.cause() && !later.contains(result.get().cause())) {
        later.add(result.get().cause());
      }
    }
    try {
      if (chosen != null) {
        if (later.isEmpty()) {
          return WhatChanged.annotate(chosen, evidence);
        }
        return WhatChanged.annotate(chosen.toBuilder().alternative(later.toArray(new Cause[0])).build(), evidence);
      }
      return WhatChanged.annotate(unknown(evidence, failures, ruleErrors), evidence);
    } catch (RuntimeException | LinkageError | StackOverflowError ex) {
      return diagnosisFailed(ex);
    }
  }

  private static Diagnosis diagnosisFailed(Throwable ex) {
    return Diagnosis.builder(Cause.UNKNOWN)
        .confidence(Confidence.LOW)
        .summary("The handshake failed and the diagnosis itself failed (" + ex + ").")
        .responsibleParty(Diagnosis.UNKNOWN_PARTY)
        .build();
  }

  private Optional<Diagnosis> safely(
      DiagnosisRule rule, HandshakeEvidence e, Failures failures, List<String> errors) {
    try {
      return rule.apply(e, failures);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError ex) {
      // One broken rule must not cost the user the diagnosis the others can give.
      errors.add("rule " + rule.getClass().getSimpleName() + " failed: " + ex);
      try {
        onRuleFault.accept("diagnosis rule: " + rule.getClass().getSimpleName(), ex);
      } catch (RuntimeException | LinkageError reporterFailed) {
        // the diagnosis still goes out; the reporter is the agent's own and never throws
      }
      return null;
    }
  }

  private static Diagnosis unknown(HandshakeEvidence e, Failures failures, List<String> ruleErrors) {
    String failure = e.failure() == null ? "no exception" : Failures.describe(e.failure());
    String alertIn = Facts.alertReceived(e, failures);
    String alertOut = Facts.alertSentOrAttached(e);
    return Diagnosis.builder(Cause.UNKNOWN)
        .confidence(Confidence.LOW)
        .summary("The handshake " + (e.side() == io.handshakedoctor.evidence.Side.CLIENT ? "with the server " : "with the client ") + Facts.peer(e)
            + " failed with " + failure
            + (alertIn == null ? "" : ", alert received " + alertIn)
            + (alertOut == null ? "" : ", alert " + alertOut + " on this side")
            + "; no known cause matches these facts.")
        .fix("Reproduce with -Djavax.net.debug=ssl:handshake:verbose on this JVM (and check the peer's TLS log) to see which step fails.")
        .evidence(Facts.common(e))
        .evidence(e.trust() == null || e.trust().failure() == null ? null : "trust manager threw " + Failures.describe(e.trust().failure()))
        .evidence(e.peerBytesSample() == null ? null : "peer's first bytes: " + PeerBytes.describe(e.peerBytesSample()))
        .evidence("origin " + e.origin() + ", JSSE alert " + e.jsseAlert() + ", java " + e.javaVersion())
        .evidence(ruleErrors)
        .responsibleParty(Diagnosis.UNKNOWN_PARTY)
        .build();
  }
}
