package io.handshakedoctor.evidence;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Small helpers for RFC 2253 distinguished names. */
public final class DistinguishedNames {
  private DistinguishedNames() {}

  /** The CN attribute of {@code dn}, or {@code fallback} when there is none or the DN is bad. */
  public static String commonNameOr(String dn, String fallback) {
    if (dn == null) {
      return fallback;
    }
    try {
      LdapName name = new LdapName(dn);
      for (Rdn rdn : name.getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException | RuntimeException e) {
      // An unparsable DN is shown whole.
    }
    return fallback;
  }
}
