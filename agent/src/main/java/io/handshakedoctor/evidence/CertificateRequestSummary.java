package io.handshakedoctor.evidence;

import java.util.List;

/** A server's request for a client certificate. */
public final class CertificateRequestSummary {
  private final List<String> authorities;
  private final List<String> signatureSchemes;

  public CertificateRequestSummary(List<String> authorities, List<String> signatureSchemes) {
    this.authorities = Lists.copy(authorities);
    this.signatureSchemes = Lists.copy(signatureSchemes);
  }

  /** The issuer DNs the server said it accepts; empty means "any". */
  public List<String> authorities() {
    return authorities;
  }

  public List<String> signatureSchemes() {
    return signatureSchemes;
  }
}
