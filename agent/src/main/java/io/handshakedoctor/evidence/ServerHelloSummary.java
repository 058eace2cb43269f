package io.handshakedoctor.evidence;

/** What a ServerHello (or HelloRetryRequest) chose. */
public final class ServerHelloSummary {
  private final String version;
  private final String cipherSuite;
  private final boolean helloRetryRequest;
  private final String selectedGroup;
  private final String applicationProtocol;
  private final boolean malformed;

  public ServerHelloSummary(
      String version,
      String cipherSuite,
      boolean helloRetryRequest,
      String selectedGroup,
      String applicationProtocol,
      boolean malformed) {
    this.version = version;
    this.cipherSuite = cipherSuite;
    this.helloRetryRequest = helloRetryRequest;
    this.selectedGroup = selectedGroup;
    this.applicationProtocol = applicationProtocol;
    this.malformed = malformed;
  }

  /** The negotiated version (supported_versions when present), e.g. {@code TLSv1.3}. */
  public String version() {
    return version;
  }

  public String cipherSuite() {
    return cipherSuite;
  }

  public boolean isHelloRetryRequest() {
    return helloRetryRequest;
  }

  /** The key_share group chosen (TLS 1.3), or null. */
  public String selectedGroup() {
    return selectedGroup;
  }

  /** The ALPN protocol the server selected, or null. */
  public String applicationProtocol() {
    return applicationProtocol;
  }

  public boolean isMalformed() {
    return malformed;
  }
}
