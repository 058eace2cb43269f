package io.handshakedoctor.inventory;

/**
 * The early warnings a successful handshake can raise, each once per peer per interval; each has
 * a section in docs/early-warnings.md (EarlyWarningsDocumentationTest holds them together).
 */
public enum WarningKind {
  CERTIFICATE_EXPIRING("certificate_expiring"),
  LEGACY_PROTOCOL("legacy_protocol"),
  NO_FORWARD_SECRECY("no_forward_secrecy"),
  SHA1_SIGNATURE("sha1_signature"),
  WEAK_RSA_KEY("weak_rsa_key"),
  ISSUER_CHANGED("issuer_changed"),
  KEY_TYPE_CHANGED("key_type_changed"),
  PROTOCOL_DOWNGRADED("protocol_downgraded"),
  DISTRUSTED_ANCHOR("distrusted_anchor"),
  ANCHOR_EXPIRES_BEFORE_LEAF("anchor_expires_before_leaf");

  private final String id;

  WarningKind(String id) {
    this.id = id;
  }

  /** The value of {@code handshake_doctor.warning}. */
  public String id() {
    return id;
  }
}
