package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import java.io.EOFException;
import java.net.SocketException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exceptions of one failed handshake (the failure's cause chain, then the trust manager's),
 * with helpers to match them by type and by message. Message text is the least stable fact JSSE
 * gives (newer JDKs prefix "(alert_name) "), so every message is stripped of that prefix before
 * matching, and types are preferred whenever one exists.
 */
public final class Failures {
  private static final Pattern ALERT_PREFIX = Pattern.compile("^\\([a-z_]+\\) ");
  private static final int MAX_DEPTH = 32;

  private final List<Throwable> all;
  private final String[] stripped;
  private final String[] lowered;

  private Failures(List<Throwable> all) {
    this.all = all;
    this.stripped = new String[all.size()];
    this.lowered = new String[all.size()];
    for (int i = 0; i < stripped.length; i++) {
      stripped[i] = message(all.get(i));
      lowered[i] = stripped[i].toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The failures of {@code evidence}: its exception's chain, then the trust manager's. Built once
   * per diagnosis by {@link DiagnosisEngine} (walking the chains, stripping and lower-casing every
   * message is most of a rule's work) and handed to every rule.
   */
  static Failures of(HandshakeEvidence evidence) {
    List<Throwable> out = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    addChain(evidence.failure(), out, seen);
    if (evidence.trust() != null) {
      addChain(evidence.trust().failure(), out, seen);
    }
    return new Failures(Collections.unmodifiableList(out));
  }

  static Failures of(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    addChain(t, out, new IdentityHashMap<>());
    return new Failures(Collections.unmodifiableList(out));
  }

  private static void addChain(Throwable t, List<Throwable> out, Map<Throwable, Boolean> seen) {
    int depth = 0;
    while (t != null && depth++ < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null) {
      out.add(t);
      t = t.getCause();
    }
  }

  /** Removes the "(alert_name) " prefix JDK 17.0.21+ and 25 put in front of many messages. */
  static String strip(String message) {
    if (message == null) {
      return "";
    }
    if (message.isEmpty() || message.charAt(0) != '(') {
      return message; // no prefix: skip the regular expression
    }
    return ALERT_PREFIX.matcher(message).replaceFirst("");
  }

  /** The stripped message of {@code t}, never null. */
  static String message(Throwable t) {
    return t == null ? "" : strip(t.getMessage());
  }

  /** "SSLHandshakeException: message", for evidence lines. */
  static String describe(Throwable t) {
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  List<Throwable> all() {
    return all;
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** True when any message, stripped, contains {@code fragment} (case-insensitive). */
  boolean mentions(String fragment) {
    return firstMentioning(fragment) != null;
  }

  /** The first throwable whose stripped message contains {@code fragment} (case-insensitive). */
  Throwable firstMentioning(String fragment) {
    String needle = fragment.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lowered.length; i++) {
      if (lowered[i].contains(needle)) {
        return all.get(i);
      }
    }
    return null;
  }

  /** The first matcher of {@code pattern} that finds a match in a stripped message, or null. */
  Matcher find(Pattern pattern) {
    for (String message : stripped) {
      Matcher m = pattern.matcher(message);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }

  /** The first throwable that is an instance of {@code type}, or null. */
  <T extends Throwable> T first(Class<T> type) {
    for (Throwable t : all) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  boolean has(Class<? extends Throwable> type) {
    return first(type) != null;
  }

  /**
   * The first throwable whose class or a superclass has this simple or fully qualified name; for
   * JDK-internal types such as {@code sun.security.validator.ValidatorException} that cannot be
   * referenced.
   */
  Throwable firstNamed(String className) {
    for (Throwable t : all) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(className) || c.getSimpleName().equals(className)) {
          return t;
        }
      }
    }
    return null;
  }

  boolean hasNamed(String className) {
    return firstNamed(className) != null;
  }

  /**
   * The transport ended mid-handshake without a TLS alert: a reset, a broken pipe, an end of
   * stream, or the messages JSSE and java.net.http give for them.
   */
  boolean looksLikeReset() {
    return has(EOFException.class)
        || mentions("Connection reset")
        || mentions("Broken pipe")
        || mentions("peer shut down incorrectly")
        || mentions("Remote host terminated the handshake")
        || mentions("Connection closed by peer")
        || mentions("Remote host closed connection during handshake")
        // An engine user saw the end of the stream mid-handshake and closed the engine's inbound.
        || mentions("closing inbound before receiving peer's close_notify")
        || (has(SocketException.class) && mentions("closed"));
  }

  /** The first specific reason a CertPathValidatorException gives, or null. */
  CertPathValidatorException.Reason certPathReason() {
    for (Throwable t : all) {
      if (t instanceof CertPathValidatorException) {
        CertPathValidatorException.Reason r = ((CertPathValidatorException) t).getReason();
        if (r != null && r != CertPathValidatorException.BasicReason.UNSPECIFIED) {
          return r;
        }
      }
    }
    return null;
  }

  /** One readable line per throwable, outermost first. */
  List<String> describeAll() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      out.add((i == 0 ? "failure: " : "caused by: ") + describe(all.get(i)));
    }
    return out;
  }
}
