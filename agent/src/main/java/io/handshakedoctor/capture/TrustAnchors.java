package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.CertificateSummary;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificate of this JVM's trust store a peer's chain ends at, whether the store had to
 * supply more than a self-signed root, and whether the JDK's {@code jdk.security.caDistrustPolicies}
 * covers that anchor. Runs once per peer per interval, never per handshake.
 */
final class TrustAnchors {
  /**
   * The JDK's distrust policies and the organisations of the roots each covers. The JDK decides by
   * root fingerprint (sun.security.validator.*TLSPolicy); the organisation is how a reader
   * recognises them, and the only fact an agent outside java.base can match without copying lists.
   */
  private static final String[][] POLICIES = {
    {"SYMANTEC_TLS", "symantec", "verisign", "geotrust", "thawte"},
    {"ENTRUST_TLS", "entrust", "affirmtrust"},
    {"CAMERFIRMA_TLS", "camerfirma"},
    {"CHUNGHWA_TLS", "chunghwa telecom"},
  };

  private TrustAnchors() {}

  static final class Anchor {
    final CertificateSummary certificate;
    final boolean completedFromStore;
    final String distrustPolicy;

    Anchor(CertificateSummary certificate, boolean completedFromStore, String distrustPolicy) {
      this.certificate = certificate;
      this.completedFromStore = completedFromStore;
      this.distrustPolicy = distrustPolicy;
    }
  }

  /** The anchor of {@code chain} (leaf first) in {@code trustManager}'s store; null when none is found. */
  static Anchor find(Object trustManager, X509Certificate[] chain) {
    if (!(trustManager instanceof X509TrustManager) || chain == null || chain.length == 0) {
      return null;
    }
    X509Certificate[] store;
    try {
      store = ((X509TrustManager) trustManager).getAcceptedIssuers();
    } catch (RuntimeException e) {
      return null; // a custom trust manager that will not say
    }
    if (store == null) {
      return null;
    }
    // The first certificate of the chain the store holds is where validation stops.
    for (X509Certificate presented : chain) {
      for (X509Certificate trusted : store) {
        if (trusted.equals(presented)) {
          return anchor(trusted, false);
        }
      }
    }
    X509Certificate last = chain[chain.length - 1];
    for (X509Certificate trusted : store) {
      if (trusted.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && signed(last, trusted)) {
        boolean root = trusted.getSubjectX500Principal().equals(trusted.getIssuerX500Principal());
        return anchor(trusted, !root);
      }
    }
    return null;
  }

  private static Anchor anchor(X509Certificate trusted, boolean completedFromStore) {
    return new Anchor(CertificateSummary.of(trusted), completedFromStore, distrustPolicy(trusted));
  }

  private static boolean signed(X509Certificate child, X509Certificate issuer) {
    try {
      child.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** The enabled distrust policy covering {@code anchor}, or null. */
  static String distrustPolicy(X509Certificate anchor) {
    String enabled = Security.getProperty("jdk.security.caDistrustPolicies");
    if (enabled == null || enabled.isBlank()) {
      return null;
    }
    String subject = anchor.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT);
    for (String[] policy : POLICIES) {
      if (!enabled.toUpperCase(Locale.ROOT).contains(policy[0])) {
        continue;
      }
      for (int i = 1; i < policy.length; i++) {
        if (subject.contains("o=" + policy[i]) || subject.contains("cn=" + policy[i])) {
          return policy[0];
        }
      }
    }
    return null;
  }
}
