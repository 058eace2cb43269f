package io.handshakedoctor.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** Small judgements about cipher suite names. */
final class CipherSuites {
  private CipherSuites() {}

  /** TLS 1.3 suites (TLS_AES_*, TLS_CHACHA20_*) cannot be used with TLS 1.2 and below. */
  static boolean isTls13Suite(String s) {
    return s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_");
  }

  /** AEAD with forward secrecy: what a current server will accept. */
  static boolean isModern(String s) {
    if (isTls13Suite(s)) {
      return true;
    }
    boolean aead = s.contains("_GCM_") || s.contains("CHACHA20") || s.contains("_CCM");
    boolean ephemeral = s.contains("_ECDHE_") || s.contains("_DHE_");
    return aead && ephemeral;
  }

  /** False for suites SunJSSE does not implement at all (ARIA, Camellia, SEED, IDEA, CCM, PSK, SRP, GOST, SM4). */
  static boolean jsseImplements(String s) {
    for (String part : new String[] {"_ARIA_", "_CAMELLIA_", "_SEED_", "_IDEA_", "_CCM", "_PSK_", "_SRP_", "GOST", "_SM4_"}) {
      if (s.contains(part)) {
        return false;
      }
    }
    return true;
  }

  /** A modern suite this JDK could negotiate, were it enabled. */
  static boolean anyModernJsseImplements(List<String> suites) {
    for (String s : suites) {
      if (isModern(s) && jsseImplements(s)) {
        return true;
      }
    }
    return false;
  }

  static boolean anyModern(List<String> suites) {
    for (String s : suites) {
      if (isModern(s)) {
        return true;
      }
    }
    return false;
  }

  static boolean allTls13(List<String> suites) {
    if (suites.isEmpty()) {
      return false;
    }
    for (String s : suites) {
      if (!isTls13Suite(s)) {
        return false;
      }
    }
    return true;
  }

  static List<String> intersection(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    for (String s : a) {
      if (b.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** At most {@code n} names and "(+k more)", so summaries stay one sentence. */
  static String abbreviate(List<String> suites, int n) {
    if (suites.size() <= n) {
      return suites.toString();
    }
    return suites.subList(0, n).toString().replace("]", ", ... (+" + (suites.size() - n) + " more)]");
  }
}
