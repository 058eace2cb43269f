package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.DistinguishedNames;

/** Short names for DNs in fixes. */
final class DistinguishedNamesText {
  private DistinguishedNamesText() {}

  /** The CN of {@code dn}, or the whole DN. */
  static String cn(String dn) {
    return DistinguishedNames.commonNameOr(dn, dn == null ? "(unknown)" : dn);
  }
}
