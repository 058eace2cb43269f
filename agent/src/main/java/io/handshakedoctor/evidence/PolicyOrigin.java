package io.handshakedoctor.evidence;

/**
 * Where a piece of local TLS policy came from. The fix depends on it: a value from an override
 * file is changed in that file, one from the command line on the command line, one the application
 * set in its code.
 */
public enum PolicyOrigin {
  /** The JDK's own {@code ${java.home}/conf/security/java.security}. */
  JDK_SECURITY_FILE,
  /** A file given with {@code -Djava.security.properties=} (hardened images use one). */
  OVERRIDE_SECURITY_FILE,
  /** {@code Security.setProperty} at run time: differs from both files. */
  SECURITY_PROPERTY_SET_AT_RUN_TIME,
  /** A {@code -D} option on the java command line. */
  COMMAND_LINE,
  /** A {@code -D} option in {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS}. */
  ENVIRONMENT_OPTIONS,
  /** {@code System.setProperty} at run time (on no command line nor option variable). */
  SYSTEM_PROPERTY_SET_AT_RUN_TIME,
  /** The application or its library, through {@code SSLParameters} or {@code setEnabled...}. */
  APPLICATION,
  /** SunJSSE's own default: nothing configured it. */
  PROVIDER_DEFAULT;
}
