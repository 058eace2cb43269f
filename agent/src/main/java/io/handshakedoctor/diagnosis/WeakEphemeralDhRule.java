package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.Side;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's ephemeral Diffie-Hellman group is weaker than the client's policy allows: JSSE
 * refuses the ServerKeyExchange ("DH ServerKeyExchange does not comply to algorithm
 * constraints"), or a JVM server with a DHE suite hears insufficient_security from its client.
 */
final class WeakEphemeralDhRule implements DiagnosisRule {
  private static final Pattern DH_MINIMUM = Pattern.compile("(?i)\\bDH keySize\\s*<\\s*(\\d+)");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    Throwable refused = f.firstMentioning("DH ServerKeyExchange does not comply");
    if (refused == null) {
      refused = f.firstMentioning("DHPublicKey does not comply");
    }
    boolean dheSuite = e.serverHello() != null && e.serverHello().cipherSuite() != null
        && e.serverHello().cipherSuite().contains("_DHE_");
    boolean refusedByClient = e.side() == Side.SERVER && dheSuite && "insufficient_security".equals(Facts.alertReceived(e, f));
    if (refused == null && !refusedByClient) {
      return Optional.empty();
    }
    PolicySetting disabled = PolicySources.setting(e, PolicySources.DISABLED_TLS);
    Matcher min = disabled == null || disabled.value() == null ? null : DH_MINIMUM.matcher(disabled.value());
    String minimum = min != null && min.find() ? min.group(1) + " bits" : "the policy's minimum";
    PolicySetting keySize = e.local().policy("jdk.tls.ephemeralDHKeySize");
    Diagnosis.Builder d = Diagnosis.builder(Cause.WEAK_EPHEMERAL_DH_KEY).evidence(Facts.common(e));
    if (refused != null) {
      d.confidence(Confidence.HIGH)
          .summary(Facts.capitalize(Facts.peerRole(e)) + " chose "
              + (e.serverHello() == null ? "a DHE cipher suite" : e.serverHello().cipherSuite())
              + " and sent an ephemeral Diffie-Hellman key weaker than this client's algorithm constraints allow (below " + minimum
              + " by " + PolicySources.describe(disabled) + ", or the application's SSLParameters.setAlgorithmConstraints); the server must use a 2048-bit group or ECDHE.")
          .fix("On the server use a DH group of 2048 bits or more, or prefer ECDHE suites: Java -Djdk.tls.ephemeralDHKeySize=2048, nginx `ssl_dhparam` with "
              + "`openssl dhparam 2048` (or drop DHE from `ssl_ciphers`), Apache `SSLOpenSSLConfCmd DHParameters`; lowering the client's DH minimum is insecure.")
          .evidence("JSSE: " + Failures.message(refused))
          .responsibleParty(Diagnosis.SERVER);
    } else {
      d.confidence(Confidence.MEDIUM)
          .summary("The client " + Facts.peer(e) + " refused this server's ephemeral Diffie-Hellman key for " + e.serverHello().cipherSuite()
              + " (alert insufficient_security): the DH group this server uses"
              + (keySize != null && keySize.isSet() ? " (jdk.tls.ephemeralDHKeySize=" + keySize.value() + ", " + PolicySources.origin(keySize) + ")" : "")
              + " is below the client's minimum.")
          .fix("Use 2048-bit (or larger) DH groups on this server: set jdk.tls.ephemeralDHKeySize=2048 "
              + (keySize != null && keySize.isSet() ? PolicySources.whereToChange(keySize) : "with -Djdk.tls.ephemeralDHKeySize=2048")
              + ", or prefer ECDHE suites over DHE (SSLParameters.setCipherSuites / -Djdk.tls.server.cipherSuites).")
          .alternative(Cause.NO_SHARED_SIGNATURE_SCHEME_OR_GROUP)
          .responsibleParty(Diagnosis.LOCAL_JVM);
    }
    d.evidence(PolicySources.nonDefault(e, "jdk.tls.ephemeralDHKeySize", PolicySources.DISABLED_TLS));
    return Optional.of(d.build());
  }
}
