package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicySetting;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;

/**
 * JSSE said on this side that no cipher suite can be used: the server found none in common with
 * the client's list, or this JVM's own enabled suites fit nothing it may negotiate.
 */
final class NoCommonCipherSuiteRule implements DiagnosisRule {
  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (f.mentions("no cipher suites in common")) {
      return Optional.of(e.side() == Side.SERVER ? serverSide(e) : localOnly(e, "no cipher suites in common"));
    }
    if (f.mentions("No appropriate cipher suite")) {
      return Optional.of(localOnly(e, "No appropriate cipher suite"));
    }
    if (f.mentions("No negotiable cipher suite")) {
      return Optional.of(localOnly(e, "No negotiable cipher suite"));
    }
    return Optional.empty();
  }

  private static Diagnosis serverSide(HandshakeEvidence e) {
    List<String> offered = e.clientHello() == null ? java.util.Collections.<String>emptyList() : e.clientHello().cipherSuites();
    List<String> enabled = e.local().enabledCipherSuites();
    List<String> active = e.local().activeCipherSuites();
    List<String> enabledButDisabled = CipherSuites.intersection(offered, enabled);
    if (active != null) {
      enabledButDisabled.removeAll(active);
    }
    Diagnosis.Builder d = Diagnosis.builder(Cause.NO_COMMON_CIPHER_SUITE)
        .confidence(Confidence.HIGH)
        .evidence("JSSE on this server: no cipher suites in common")
        .evidence(offered.isEmpty() ? null : "client offered " + offered)
        .evidence(enabled.isEmpty() ? null : "this server enables " + enabled)
        .evidence(active == null ? null : "active after policy " + active);
    String client = Facts.named("The client", e);
    String offeredText = offered.isEmpty() ? "" : " offered " + CipherSuites.abbreviate(offered, 4);
    if (!offered.isEmpty() && active != null && !enabledButDisabled.isEmpty()) {
      d.summary(client + offeredText + "; this server enables " + CipherSuites.abbreviate(enabledButDisabled, 3)
              + " of them but " + PolicySources.describe(PolicySources.setting(e, PolicySources.DISABLED_TLS)) + " disables them, so none is usable.")
          .fix("Upgrade the client to AEAD suites with ECDHE (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256); "
              + "relaxing jdk.tls.disabledAlgorithms on this server is a last resort.")
          .responsibleParty(Diagnosis.CLIENT);
    } else if (!offered.isEmpty() && !CipherSuites.anyModernJsseImplements(offered)) {
      boolean unimplemented = CipherSuites.anyModern(offered);
      d.summary(client + " offered only " + (unimplemented ? "legacy cipher suites or suites the JDK does not implement (ARIA, Camellia, CCM...) " : "legacy cipher suites ")
              + CipherSuites.abbreviate(offered, 4) + " and this server enables none of them; the client must offer modern suites.")
          .fix("On the client enable ECDHE+AES-GCM or ChaCha20 suites and TLS 1.2+ (Java: remove custom setEnabledCipherSuites / -Djdk.tls.client.cipherSuites, "
              + "OpenSSL clients: `-cipher ECDHE+AESGCM`).")
          .responsibleParty(Diagnosis.CLIENT);
    } else {
      d.summary(client + offeredText + " and none of them is enabled on this server"
              + (enabled.isEmpty() ? "" : " (enabled: " + CipherSuites.abbreviate(enabled, 4) + ")") + "; this server's suite list must include one the client offers.")
          .fix("Widen this server's suites (remove the custom setEnabledCipherSuites / -Djdk.tls.server.cipherSuites, or add e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), "
              + "and check the server key type matches the suites (an EC key needs ECDSA suites).")
          .responsibleParty(Diagnosis.LOCAL_JVM);
    }
    return d.evidence(suitesChosenBy(e)).evidence(Facts.common(e)).build();
  }

  /** Which setting chose this JVM's enabled suites, when anything but SunJSSE's default did. */
  private static String suitesChosenBy(HandshakeEvidence e) {
    PolicySetting source = e.local().cipherSuitesSource();
    return PolicySources.configured(source) ? "this JVM's enabled cipher suites were " + PolicySources.origin(source) : null;
  }

  private static Diagnosis localOnly(HandshakeEvidence e, String jsseText) {
    List<String> enabled = e.local().enabledCipherSuites();
    List<String> protocols = e.local().enabledProtocols();
    String mismatch = "";
    if (CipherSuites.allTls13(enabled) && !protocols.contains("TLSv1.3")) {
      mismatch = " (only TLS 1.3 suites are enabled but TLSv1.3 is not an enabled protocol)";
    }
    PolicySetting source = e.local().cipherSuitesSource();
    return Diagnosis.builder(Cause.NO_COMMON_CIPHER_SUITE)
        .confidence(Confidence.HIGH)
        .summary("This JVM has no cipher suite it may use for this " + e.side().attributeValue() + " connection: its enabled suites "
            + CipherSuites.abbreviate(enabled, 4) + " fit none of its usable protocols " + Facts.list(protocols) + mismatch + "; fix this JVM's configuration.")
        .fix("Enable suites that match the enabled protocols "
            + (PolicySources.configured(source) ? PolicySources.whereToChange(source)
                : "(SSLParameters.setCipherSuites, -Djdk.tls.client.cipherSuites / -Djdk.tls.server.cipherSuites)") + ", "
            + "e.g. TLS_AES_128_GCM_SHA256 for TLSv1.3 and TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 for TLSv1.2, and check jdk.tls.disabledAlgorithms.")
        .evidence("JSSE: " + jsseText)
        .evidence(suitesChosenBy(e))
        .evidence(Facts.common(e))
        .alternative(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
        .responsibleParty(Diagnosis.LOCAL_JVM)
        .build();
  }
}
