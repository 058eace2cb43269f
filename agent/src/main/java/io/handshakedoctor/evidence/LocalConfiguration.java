package io.handshakedoctor.evidence;

import java.util.List;

/**
 * This JVM's TLS configuration for the failed connection. "Enabled" lists are what the
 * application (or the JDK default) enabled; "active" lists are what remained after the JDK's
 * algorithm policy ({@code jdk.tls.disabledAlgorithms}) filtered them, and are null when JSSE
 * never got as far as computing them.
 */
public final class LocalConfiguration {
  private final List<String> enabledProtocols;
  private final List<String> enabledCipherSuites;
  private final List<String> activeProtocols;
  private final List<String> activeCipherSuites;
  private final List<String> serverNames;
  private final String endpointIdentificationAlgorithm;
  private final ClientAuthMode clientAuth;
  private final List<String> applicationProtocols;
  private final String disabledTlsAlgorithms;
  private final String disabledCertPathAlgorithms;
  private final List<String> trustedIssuers;
  private final boolean hasServerNameMatchers;
  private final List<String> keyTypes;
  private final List<PolicySetting> policy;
  private final PolicySetting protocolsSource;
  private final PolicySetting cipherSuitesSource;

  private LocalConfiguration(Builder b) {
    this.enabledProtocols = Lists.copy(b.enabledProtocols);
    this.enabledCipherSuites = Lists.copy(b.enabledCipherSuites);
    this.activeProtocols = b.activeProtocols == null ? null : Lists.copy(b.activeProtocols);
    this.activeCipherSuites = b.activeCipherSuites == null ? null : Lists.copy(b.activeCipherSuites);
    this.serverNames = Lists.copy(b.serverNames);
    this.endpointIdentificationAlgorithm = b.endpointIdentificationAlgorithm;
    this.clientAuth = b.clientAuth == null ? ClientAuthMode.NONE : b.clientAuth;
    this.applicationProtocols = Lists.copy(b.applicationProtocols);
    this.disabledTlsAlgorithms = b.disabledTlsAlgorithms;
    this.disabledCertPathAlgorithms = b.disabledCertPathAlgorithms;
    this.trustedIssuers = b.trustedIssuers == null ? null : Lists.copy(b.trustedIssuers);
    this.hasServerNameMatchers = b.hasServerNameMatchers;
    this.keyTypes = b.keyTypes == null ? null : Lists.copy(b.keyTypes);
    this.policy = Lists.copy(b.policy);
    this.protocolsSource = b.protocolsSource;
    this.cipherSuitesSource = b.cipherSuitesSource;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Protocols the application enabled, e.g. {@code [TLSv1.3, TLSv1.2]}. */
  public List<String> enabledProtocols() {
    return enabledProtocols;
  }

  public List<String> enabledCipherSuites() {
    return enabledCipherSuites;
  }

  /** Enabled protocols left after the JDK's policy; null when unknown. */
  public List<String> activeProtocols() {
    return activeProtocols;
  }

  /** Enabled suites usable with the active protocols after policy; null when unknown. */
  public List<String> activeCipherSuites() {
    return activeCipherSuites;
  }

  /** SNI host names configured to be sent (client) ; empty when none. */
  public List<String> serverNames() {
    return serverNames;
  }

  /** {@code HTTPS}, {@code LDAPS}, or null/empty when host names are not checked in-handshake. */
  public String endpointIdentificationAlgorithm() {
    return endpointIdentificationAlgorithm;
  }

  public ClientAuthMode clientAuth() {
    return clientAuth;
  }

  public List<String> applicationProtocols() {
    return applicationProtocols;
  }

  /** The {@code jdk.tls.disabledAlgorithms} security property in force, or null. */
  public String disabledTlsAlgorithms() {
    return disabledTlsAlgorithms;
  }

  /** The {@code jdk.certpath.disabledAlgorithms} security property in force, or null. */
  public String disabledCertPathAlgorithms() {
    return disabledCertPathAlgorithms;
  }

  /**
   * Subject DNs of the trust anchors the local trust manager accepts; null when unknown (a
   * custom trust manager that does not say).
   */
  public List<String> trustedIssuers() {
    return trustedIssuers;
  }

  /** A server configured with SNI matchers rejects names they do not match. */
  public boolean hasServerNameMatchers() {
    return hasServerNameMatchers;
  }

  /**
   * Key algorithms ({@code RSA}, {@code EC}, {@code RSASSA-PSS}, {@code EdDSA}, {@code DSA}) for
   * which this JVM's key manager holds a key usable on its side of the connection; empty when it
   * holds none; null when unknown.
   */
  public List<String> keyTypes() {
    return keyTypes;
  }

  /**
   * Every source of local TLS policy read at failure time (security and system properties), set
   * or not, with where each was set; empty when not read.
   */
  public List<PolicySetting> policy() {
    return policy;
  }

  /** The setting called {@code name} (e.g. {@code jdk.tls.client.protocols}), or null when not read. */
  public PolicySetting policy(String name) {
    for (PolicySetting s : policy) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /**
   * What chose the enabled protocols: the application ({@code SSLParameters.setProtocols}), a
   * system property ({@code jdk.tls.client.protocols}, {@code https.protocols}) or SunJSSE's
   * default; null when unknown.
   */
  public PolicySetting protocolsSource() {
    return protocolsSource;
  }

  /** What chose the enabled cipher suites, as {@link #protocolsSource()}; null when unknown. */
  public PolicySetting cipherSuitesSource() {
    return cipherSuitesSource;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private List<String> enabledProtocols;
    private List<String> enabledCipherSuites;
    private List<String> activeProtocols;
    private List<String> activeCipherSuites;
    private List<String> serverNames;
    private String endpointIdentificationAlgorithm;
    private ClientAuthMode clientAuth;
    private List<String> applicationProtocols;
    private String disabledTlsAlgorithms;
    private String disabledCertPathAlgorithms;
    private List<String> trustedIssuers;
    private boolean hasServerNameMatchers;
    private List<String> keyTypes;
    private List<PolicySetting> policy;
    private PolicySetting protocolsSource;
    private PolicySetting cipherSuitesSource;

    public Builder policy(List<PolicySetting> v) {
      policy = v;
      return this;
    }

    public Builder protocolsSource(PolicySetting v) {
      protocolsSource = v;
      return this;
    }

    public Builder cipherSuitesSource(PolicySetting v) {
      cipherSuitesSource = v;
      return this;
    }

    public Builder keyTypes(List<String> v) {
      keyTypes = v;
      return this;
    }

    public Builder enabledProtocols(List<String> v) {
      enabledProtocols = v;
      return this;
    }

    public Builder enabledCipherSuites(List<String> v) {
      enabledCipherSuites = v;
      return this;
    }

    public Builder activeProtocols(List<String> v) {
      activeProtocols = v;
      return this;
    }

    public Builder activeCipherSuites(List<String> v) {
      activeCipherSuites = v;
      return this;
    }

    public Builder serverNames(List<String> v) {
      serverNames = v;
      return this;
    }

    public Builder endpointIdentificationAlgorithm(String v) {
      endpointIdentificationAlgorithm = v;
      return this;
    }

    public Builder clientAuth(ClientAuthMode v) {
      clientAuth = v;
      return this;
    }

    public Builder applicationProtocols(List<String> v) {
      applicationProtocols = v;
      return this;
    }

    public Builder disabledTlsAlgorithms(String v) {
      disabledTlsAlgorithms = v;
      return this;
    }

    public Builder disabledCertPathAlgorithms(String v) {
      disabledCertPathAlgorithms = v;
      return this;
    }

    public Builder trustedIssuers(List<String> v) {
      trustedIssuers = v;
      return this;
    }

    public Builder hasServerNameMatchers(boolean v) {
      hasServerNameMatchers = v;
      return this;
    }

    public LocalConfiguration build() {
      return new LocalConfiguration(this);
    }
  }
}
