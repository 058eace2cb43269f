package io.handshakedoctor.evidence;

import java.util.List;

/** The local key manager's answer when the server asked this client for a certificate. */
public final class ClientCredentialChoice {
  private final List<String> keyTypes;
  private final List<CertificateSummary> chosenChain;

  public ClientCredentialChoice(List<String> keyTypes, List<CertificateSummary> chosenChain) {
    this.keyTypes = Lists.copy(keyTypes);
    this.chosenChain = Lists.copy(chosenChain);
  }

  /** The key types JSSE asked for, e.g. {@code EC}, {@code RSA}. */
  public List<String> keyTypes() {
    return keyTypes;
  }

  /** The chain the key manager chose, leaf first; empty when it chose none. */
  public List<CertificateSummary> chosenChain() {
    return chosenChain;
  }

  public boolean choseNone() {
    return chosenChain.isEmpty();
  }
}
