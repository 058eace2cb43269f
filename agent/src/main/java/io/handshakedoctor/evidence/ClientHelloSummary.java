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
    this.legacyVersion = legacyVersion;
    this.supportedVersions = Lists.copy(supportedVersions);
    this.cipherSuites = Lists.copy(cipherSuites);
    this.serverNames = Lists.copy(serverNames);
    this.applicationProtocols = Lists.copy(applicationProtocols);
    this.signatureSchemes = Lists.copy(signatureSchemes);
    this.supportedGroups = Lists.copy(supportedGroups);
    this.keyShareGroups = Lists.copy(keyShareGroups);
    this.malformed = malformed;
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
