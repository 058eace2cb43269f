package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a piece of local policy and where it was set, so a fix points at the file, option or
 * call that holds it rather than at a property the user may never have touched.
 */
final class PolicySources {
  static final String DISABLED_TLS = "jdk.tls.disabledAlgorithms";
  static final String DISABLED_CERTPATH = "jdk.certpath.disabledAlgorithms";

  private PolicySources() {}

  /**
   * The setting {@code name} as read at failure; when the policy was not read (older evidence),
   * the value alone, of unknown origin (null when that is unknown too).
   */
  static PolicySetting setting(HandshakeEvidence e, String name) {
    PolicySetting s = e.local().policy(name);
    if (s != null) {
      return s;
    }
    String value = DISABLED_TLS.equals(name) ? e.local().disabledTlsAlgorithms()
        : DISABLED_CERTPATH.equals(name) ? e.local().disabledCertPathAlgorithms() : null;
    return value == null ? null : new PolicySetting(name, value, PolicyOrigin.JDK_SECURITY_FILE, null);
  }

  /** "jdk.tls.disabledAlgorithms (set in the override file /etc/x.security given with -Djava.security.properties)". */
  static String describe(PolicySetting s) {
    if (s == null) {
      return "(unknown)";
    }
    return s.name() + " (" + origin(s) + ")";
  }

  /** Where the setting was made, as a phrase: "set in the override file /x given with -Djava.security.properties". */
  static String origin(PolicySetting s) {
    switch (s.origin()) {
      case OVERRIDE_SECURITY_FILE:
        return "set in the override file " + s.location() + " given with -Djava.security.properties";
      case JDK_SECURITY_FILE:
        return "the JDK's default in " + (s.location() == null ? "$JAVA_HOME/conf/security/java.security" : s.location());
      case SECURITY_PROPERTY_SET_AT_RUN_TIME:
        return "set at run time with Security.setProperty; it differs from java.security and any override file";
      case COMMAND_LINE:
        return "set with -D" + s.name() + "=" + s.value() + " on the java command line";
      case ENVIRONMENT_OPTIONS:
        return "set with -D" + s.name() + "=" + s.value() + " in the environment variable " + s.location();
      case SYSTEM_PROPERTY_SET_AT_RUN_TIME:
        return "set at run time with System.setProperty";
      case APPLICATION:
        return "set by the application or its library with " + s.name();
      case PROVIDER_DEFAULT:
      default:
        return "SunJSSE's default";
    }
  }

  /** Where to change the setting, as an imperative: "in the override file /x (-Djava.security.properties)". */
  static String whereToChange(PolicySetting s) {
    if (s == null) {
      return "in $JAVA_HOME/conf/security/java.security or the file given with -Djava.security.properties";
    }
    switch (s.origin()) {
      case OVERRIDE_SECURITY_FILE:
        return "in " + s.location() + " (the override file given with -Djava.security.properties)";
      case JDK_SECURITY_FILE:
        return "in an override file given with -Djava.security.properties=/path/override.security (or in "
            + (s.location() == null ? "$JAVA_HOME/conf/security/java.security" : s.location()) + ")";
      case SECURITY_PROPERTY_SET_AT_RUN_TIME:
        return "where the application calls Security.setProperty(\"" + s.name() + "\", ...) (it takes effect only before JSSE first loads)";
      case COMMAND_LINE:
        return "in the -D" + s.name() + " option on the java command line";
      case ENVIRONMENT_OPTIONS:
        return "in the -D" + s.name() + " option in " + s.location();
      case SYSTEM_PROPERTY_SET_AT_RUN_TIME:
        return "where the application calls System.setProperty(\"" + s.name() + "\", ...) (JSSE reads it once, when it first loads)";
      case APPLICATION:
        return "in the application's (or its library's) " + s.name() + " call";
      case PROVIDER_DEFAULT:
      default:
        return "with SSLParameters or -D" + s.name();
    }
  }

  /** One evidence line per policy setting that is set and not the JDK's own default, for any rule. */
  static List<String> nonDefault(HandshakeEvidence e, String... names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      PolicySetting s = e.local().policy(name);
      if (s != null && s.isSet() && s.origin() != PolicyOrigin.JDK_SECURITY_FILE && s.origin() != PolicyOrigin.PROVIDER_DEFAULT) {
        out.add(s.name() + " = " + s.value() + " (" + origin(s) + ")");
      }
    }
    return out;
  }

  /** True when the enabled list was chosen by something other than SunJSSE's default. */
  static boolean configured(PolicySetting source) {
    return source != null && source.origin() != PolicyOrigin.PROVIDER_DEFAULT;
  }
}
