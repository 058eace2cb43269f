package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's certificate chains to a root this JDK distrusts by policy
 * ({@code jdk.security.caDistrustPolicies}): JDK updates distrust a CA for certificates issued
 * after a date, so a server that worked yesterday fails after the update. Matched on the JDK's
 * own message, since no test can hold such a CA's key.
 */
final class CaDistrustedByPolicyRule implements DiagnosisRule {
  /** "TLS Server certificate issued after 2024-11-11 and anchored by a distrusted legacy Entrust root CA: CN=..." */
  static final Pattern DISTRUSTED =
      Pattern.compile("TLS Server certificate issued after (\\S+) and anchored by a distrusted legacy (\\S+) root CA: (.*)$");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    Matcher m = f.find(DISTRUSTED);
    if (m == null) {
      return Optional.empty();
    }
    String after = m.group(1);
    String vendor = m.group(2);
    String anchor = m.group(3).trim();
    String token = vendor.toUpperCase(Locale.ROOT) + "_TLS";
    PolicySetting policy = e.local().policy("jdk.security.caDistrustPolicies");
    return Optional.of(
        Diagnosis.builder(Cause.CA_DISTRUSTED_BY_POLICY)
            .confidence(Confidence.HIGH)
            .summary("The server " + Facts.orUnknown(e.intendedServerName()) + " presents a certificate issued after " + after
                + " that chains to " + anchor + ", a " + vendor + " root this JDK distrusts for TLS server certificates issued after that date ("
                + token + " in " + (policy == null ? "jdk.security.caDistrustPolicies" : PolicySources.describe(policy))
                + "); the server must move to a certificate from another CA.")
            .fix("Re-issue the server's certificate from a CA this JDK trusts without restriction and deploy it; "
                + "only as a temporary stopgap remove " + token + " from jdk.security.caDistrustPolicies "
                + PolicySources.whereToChange(policy) + ".")
            .evidence("JSSE: " + m.group(0))
            .evidence(policy == null || !policy.isSet() ? null : "jdk.security.caDistrustPolicies = " + policy.value())
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.SERVER)
            .build());
  }
}
