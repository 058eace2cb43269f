package io.handshakedoctor.evidence;

import java.util.List;

/**
 * What a ClientHello offered, with names resolved (IANA cipher suite names, {@code TLSv1.3},
 * {@code x25519}, {@code ecdsa_secp256r1_sha256}) and GREASE values left out.
 */
public final class ClientHelloSummary {
  private final String legacyVersion;
  private final List<String> supportedVersions;
  private final List<String> cipherSuites;
  private final List<String> serverNames;
  private final List<String> applicationProtocols;
  private final List<String> signatureSchemes;
  private final List<String> supportedGroups;
  private final List<String> keyShareGroups;
  private final boolean malformed;
  private final String ja3;
  private final String ja4;

  public ClientHelloSummary(
      String legacyVersion,
      List<String> supportedVersions,
      List<String> cipherSuites,
      List<String> serverNames,
      List<String> applicationProtocols,
      List<String> signatureSchemes,
      List<String> supportedGroups,
      List<String> keyShareGroups,
      boolean malformed) {
    this(legacyVersion, supportedVersions, cipherSuites, serverNames, applicationProtocols,
        signatureSchemes, supportedGroups, keyShareGroups, malformed, null, null);
  }

  /** With the hello's JA3 and JA4 fingerprints (null when they could not be computed). */
  public ClientHelloSummary(
      String legacyVersion,
      List<String> supportedVersions,
      List<String> cipherSuites,
      List<String> serverNames,
      List<String> applicationProtocols,
      List<String> signatureSchemes,
      List<String> supportedGroups,
      List<String> keyShareGroups,
      boolean malformed,
      String ja3,
      String ja4) {
    this.legacyVersion = legacyVersion;
    this.supportedVersions = Lists.copy(supportedVersions);
    this.cipherSuites = Lists.copy(cipherSuites);
    this.serverNames = Lists.copy(serverNames);
    this.applicationProtocols = Lists.copy(applicationProtocols);
    this.signatureSchemes = Lists.copy(signatureSchemes);
    this.supportedGroups = Lists.copy(supportedGroups);
    this.keyShareGroups = Lists.copy(keyShareGroups);
    this.malformed = malformed;
    this.ja3 = ja3;
    this.ja4 = ja4;
  }

  /** JA3 (MD5, lower-case hex) of the hello as sent; null when unknown. */
  public String ja3() {
    return ja3;
  }

  /** JA4 (FoxIO's TLS-client fingerprint) of the hello as sent; null when unknown. */
  public String ja4() {
    return ja4;
  }

  /** The version field of the hello body, e.g. {@code TLSv1.2}. */
  public String legacyVersion() {
    return legacyVersion;
  }

  /** The supported_versions extension; empty when absent (then only legacyVersion applies). */
  public List<String> supportedVersions() {
    return supportedVersions;
  }

  /** The versions the hello really offers: supported_versions, or else the legacy version. */
  public List<String> offeredVersions() {
    if (!supportedVersions.isEmpty() || legacyVersion == null) {
      return supportedVersions;
    }
    return List.of(legacyVersion);
  }

  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** Host names in the server_name extension; empty when no SNI was sent. */
  public List<String> serverNames() {
    return serverNames;
  }

  public List<String> applicationProtocols() {
    return applicationProtocols;
  }

  public List<String> signatureSchemes() {
    return signatureSchemes;
  }

  public List<String> supportedGroups() {
    return supportedGroups;
  }

  public List<String> keyShareGroups() {
    return keyShareGroups;
  }

  /** The bytes ended early or did not add up; the lists hold what could be read. */
  public boolean isMalformed() {
    return malformed;
  }
}
