package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.CertificateSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Issuer names of TLS inspection products (proxies, firewalls, antivirus, debugging proxies) that
 * re-sign server certificates with their own CA. Patterns match whole words so that, e.g., "ESET"
 * does not match "reset".
 */
final class InterceptionVendors {
  private static final Map<String, Pattern> VENDORS = new LinkedHashMap<>();

  static {
    add("Zscaler", "zscaler");
    add("Fortinet FortiGate", "fortinet|fortigate|fortiproxy");
    add("Palo Alto Networks", "palo ?alto");
    add("Blue Coat / Symantec ProxySG", "blue ?coat|proxysg");
    add("Netskope", "netskope");
    add("Cisco Umbrella", "cisco umbrella|opendns");
    add("Sophos", "sophos");
    add("Check Point", "check ?point");
    add("McAfee Web Gateway", "mcafee");
    add("Forcepoint / Websense", "forcepoint|websense");
    add("Kaspersky", "kaspersky");
    add("Avast / AVG", "avast|avg technologies|avg web");
    add("ESET", "eset");
    add("Bitdefender", "bitdefender");
    add("mitmproxy", "mitmproxy");
    add("Charles Proxy", "charles proxy|charlesproxy");
    add("Fiddler", "fiddler|do_not_trust");
    add("Burp Suite (PortSwigger)", "portswigger|burp");
  }

  private static void add(String vendor, String regex) {
    VENDORS.put(vendor, Pattern.compile("(?i)(?<![a-z])(" + regex + ")(?![a-z])"));
  }

  private InterceptionVendors() {}

  /** The vendor whose name appears in {@code dn}, or null. */
  static String vendorOf(String dn) {
    if (dn == null) {
      return null;
    }
    for (Map.Entry<String, Pattern> v : VENDORS.entrySet()) {
      if (v.getValue().matcher(dn).find()) {
        return v.getKey();
      }
    }
    return null;
  }

  /** The first certificate in the chain issued by (or being) an inspection CA, or null. */
  static CertificateSummary firstInterceptionCert(List<CertificateSummary> chain) {
    for (CertificateSummary c : chain) {
      if (vendorOf(c.issuer()) != null || (c.isCertificateAuthority() && vendorOf(c.subject()) != null)) {
        return c;
      }
    }
    return null;
  }
}
