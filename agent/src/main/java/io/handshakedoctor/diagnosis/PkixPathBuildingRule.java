package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.ldap.LdapName;

/**
 * "PKIX path building failed ... unable to find valid certification path to requested target":
 * the server's chain does not reach a trusted root. The presented chain tells the three usual
 * stories apart: a self-signed leaf, a root this trust store lacks, or a missing intermediate.
 */
final class PkixPathBuildingRule implements DiagnosisRule {
  private static final String TRUST_FIX_SUFFIX =
      " (`keytool -importcert -alias <name> -file ca.pem -keystore truststore.p12` then -Djavax.net.ssl.trustStore=truststore.p12, or `-cacerts` for the JDK's store)";

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    if (CertificateProblem.ofServerChain(e, f) != CertificateProblem.NO_TRUST_PATH) {
      return Optional.empty();
    }
    List<CertificateSummary> chain = Facts.peerChain(e);
    List<String> trusted = e.local().trustedIssuers();
    String host = Facts.orUnknown(e.intendedServerName());
    Diagnosis.Builder d = Diagnosis.builder(Cause.UNTRUSTED_UNKNOWN_CA)
        .evidence("trust manager: PKIX path building failed (unable to find valid certification path to requested target)")
        .evidence(chain.isEmpty() ? "presented chain unknown" : "presented chain (leaf first): " + chain)
        .evidence(trusted == null ? "trust store contents unknown" : "trust store holds " + Facts.plural(trusted.size(), "trusted issuer"));
    if (chain.isEmpty()) {
      return Optional.of(d.confidence(Confidence.LOW)
          .summary(Facts.named("The server", e) + " presented a certificate chain that does not lead to any CA this JVM trusts (the chain itself was not captured).")
          .fix("Inspect the chain with `openssl s_client -connect " + Facts.peer(e) + " -servername " + host + " -showcerts`: serve the full chain on the server, "
              + "or import the issuing root CA into this JVM's trust store" + TRUST_FIX_SUFFIX + ".")
          .alternative(Cause.INCOMPLETE_CHAIN, Cause.UNTRUSTED_SELF_SIGNED)
          .evidence(Facts.common(e))
          .responsibleParty(Diagnosis.UNKNOWN_PARTY)
          .build());
    }
    CertificateSummary leaf = chain.get(0);
    CertificateSummary last = chain.get(chain.size() - 1);
    if (last.isSelfIssued()) {
      boolean knownButUntrusted = trusted != null && containsDn(trusted, last.subject());
      Confidence confidence = knownButUntrusted ? Confidence.LOW : Confidence.HIGH;
      if (chain.size() == 1) {
        d = rebuild(d, Cause.UNTRUSTED_SELF_SIGNED)
            .summary(Facts.named("The server", e) + " presents a self-signed certificate (" + leaf.subject() + ") for " + host
                + " that this JVM's trust store does not contain; either the server gets a CA-issued certificate or this client trusts that certificate explicitly.")
            .fix("Serve a certificate from a trusted CA on the server, or, for an internal service, import this exact certificate into the client's trust store"
                + TRUST_FIX_SUFFIX + " (fingerprint " + Facts.orUnknown(leaf.sha256Fingerprint()) + ").")
            .responsibleParty(Diagnosis.SERVER);
      } else {
        d.summary(Facts.named("The server", e) + " presents a chain for " + host + " that ends at the root CA " + last.subject()
                + ", which this JVM's trust store does not contain; the client's trust store must add that root (or the server must use a publicly trusted CA).")
            .fix("Import the root CA '" + DistinguishedNamesText.cn(last.subject()) + "' into the trust store this JVM uses" + TRUST_FIX_SUFFIX
                + ", or have the server use a certificate from a CA already in it.")
            .responsibleParty(Diagnosis.CLIENT);
      }
      if (knownButUntrusted) {
        d.evidence("a trust anchor named " + last.subject() + " exists locally, so its key probably differs (re-keyed or rogue CA)")
            .alternative(Cause.TLS_INTERCEPTION_SUSPECTED, Cause.WEAK_CERTIFICATE_ALGORITHM);
      }
      return Optional.of(d.confidence(confidence).evidence(Facts.common(e)).build());
    }
    // The chain stops below a root: the next issuer is missing from the chain.
    String missing = last.issuer();
    boolean issuerTrusted = trusted != null && containsDn(trusted, missing);
    if (issuerTrusted) {
      return Optional.of(d.confidence(Confidence.LOW)
          .summary(Facts.named("The server", e) + " presents a chain for " + host + " issued by " + missing
              + ", which this JVM's trust store lists, yet no valid path was found: the trusted CA probably has a different key (re-issued root, cross-signing) or a certificate in the chain is unusable.")
          .fix("Compare the server's chain (`openssl s_client -showcerts`) with the trust store entry for '" + DistinguishedNamesText.cn(missing)
              + "' (`keytool -list -v`) and update whichever is outdated; serving the CA's current full chain usually fixes it.")
          .alternative(Cause.INCOMPLETE_CHAIN, Cause.WEAK_CERTIFICATE_ALGORITHM)
          .evidence(Facts.common(e))
          .responsibleParty(Diagnosis.UNKNOWN_PARTY)
          .build());
    }
    if (chain.size() > 1 && last.isCertificateAuthority()) {
      // Leaf + intermediate(s) ending at a CA certificate is how servers are meant to send a chain
      // (the root is omitted, RFC 8446 4.4.2): the usual story is a private root missing from this
      // trust store, not a server that forgot its intermediate.
      return Optional.of(d.confidence(Confidence.MEDIUM)
          .summary(Facts.named("The server", e) + " presents a chain of " + chain.size() + " for " + host + " ending at the CA " + last.subject()
              + ", issued by " + missing + ", which this JVM's trust store " + (trusted == null ? "does not appear to hold" : "does not hold")
              + "; servers normally omit the root, so this client's trust store probably lacks the (private) root CA '"
              + DistinguishedNamesText.cn(missing) + "' (less likely: the server omits a higher intermediate).")
          .fix("Import the root CA '" + DistinguishedNamesText.cn(missing) + "' into the trust store this JVM uses" + TRUST_FIX_SUFFIX
              + ", or have the server use a certificate from a CA already in it; if '" + DistinguishedNamesText.cn(missing)
              + "' is itself an intermediate, serve it too (nginx `ssl_certificate fullchain.pem`).")
          .evidence("missing issuer: " + missing)
          .evidence("the chain ends at a CA certificate (" + last.subject() + "), as a server that omits only the root sends it")
          .alternative(Cause.INCOMPLETE_CHAIN)
          .evidence(Facts.common(e))
          .responsibleParty(Diagnosis.CLIENT)
          .build());
    }
    String served = chain.size() == 1 ? "only its leaf certificate (" + leaf.subject() + ")"
        : "a chain of " + chain.size() + " ending at the intermediate " + last.subject();
    d = rebuild(d, Cause.INCOMPLETE_CHAIN)
        .confidence(Confidence.MEDIUM)
        .summary(Facts.named("The server", e) + " sends " + served + " for " + host + " without its issuer " + missing
            + ", which this JVM's trust store " + (trusted == null ? "does not appear to hold" : "does not hold")
            + "; the server probably omits the intermediate certificate and must serve the full chain (else that issuer is a private CA missing from the trust store).")
        .fix("On the server serve the full chain (leaf + intermediates): nginx `ssl_certificate fullchain.pem`, Apache `SSLCertificateChainFile` (or a full-chain `SSLCertificateFile`), "
            + "HAProxy `crt` with the chain appended, Envoy `certificate_chain`; if '" + DistinguishedNamesText.cn(missing) + "' is a private root, import it into this JVM's trust store instead.")
        .evidence("missing issuer: " + missing)
        .alternative(Cause.UNTRUSTED_UNKNOWN_CA)
        .responsibleParty(Diagnosis.SERVER);
    return Optional.of(d.evidence(Facts.common(e)).build());
  }

  /** A builder for another cause carrying over the facts gathered so far. */
  private static Diagnosis.Builder rebuild(Diagnosis.Builder from, Cause cause) {
    Diagnosis partial = from.build();
    return Diagnosis.builder(cause).evidence(partial.evidence());
  }

  static boolean containsDn(List<String> dns, String dn) {
    String wanted = canonical(dn);
    for (String d : dns) {
      if (canonical(d).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** DNs compared by their RDNs, ignoring case and spacing differences. */
  static String canonical(String dn) {
    if (dn == null) {
      return "";
    }
    try {
      return new LdapName(dn).getRdns().toString().toLowerCase(Locale.ROOT).replace(" ", "");
    } catch (Exception ex) {
      return dn.toLowerCase(Locale.ROOT).replace(" ", "");
    }
  }
}
