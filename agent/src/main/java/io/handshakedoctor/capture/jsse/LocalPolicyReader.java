package io.handshakedoctor.capture.jsse;

import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads every source of local TLS policy and where each was set, at failure time only (files are
 * read then, never on the data path). A security property's origin is found by comparing {@code
 * Security.getProperty} with the JDK's {@code java.security} and with the override file given by
 * {@code -Djava.security.properties}; a system property's by looking for its {@code -D} option in
 * the JVM's option variables and command line.
 */
final class LocalPolicyReader {
  /** Security properties (java.security) that decide what a handshake may use. */
  static final List<String> SECURITY_PROPERTIES = List.of(
      "jdk.tls.disabledAlgorithms",
      "jdk.certpath.disabledAlgorithms",
      "jdk.security.caDistrustPolicies");

  /** System properties SunJSSE reads once, when it first loads. */
  static final List<String> SYSTEM_PROPERTIES = List.of(
      "jdk.tls.client.protocols",
      "jdk.tls.server.protocols",
      "https.protocols",
      "jdk.tls.client.cipherSuites",
      "jdk.tls.server.cipherSuites",
      "https.cipherSuites",
      "jdk.tls.namedGroups",
      "jdk.tls.client.SignatureSchemes",
      "jdk.tls.server.SignatureSchemes",
      "jdk.tls.ephemeralDHKeySize",
      "jdk.tls.rejectClientInitiatedRenegotiation");

  private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /** Every policy property, set or not, with its origin. Never throws. */
  List<PolicySetting> read() {
    List<PolicySetting> out = new ArrayList<>();
    SecurityFiles files = SecurityFiles.read();
    for (String name : SECURITY_PROPERTIES) {
      out.add(securityProperty(name, files));
    }
    List<String> commandLine = commandLine();
    for (String name : SYSTEM_PROPERTIES) {
      out.add(systemProperty(name, commandLine));
    }
    return out;
  }

  private static PolicySetting securityProperty(String name, SecurityFiles files) {
    String value;
    try {
      value = Security.getProperty(name);
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null) {
      return new PolicySetting(name, null, PolicyOrigin.PROVIDER_DEFAULT, null);
    }
    if (files.override != null && sameValue(files.override.getProperty(name), value)) {
      return new PolicySetting(name, value, PolicyOrigin.OVERRIDE_SECURITY_FILE, files.overridePath);
    }
    if (files.jdk != null && sameValue(files.jdk.getProperty(name), value)) {
      return new PolicySetting(name, value, PolicyOrigin.JDK_SECURITY_FILE, files.jdkPath);
    }
    return new PolicySetting(name, value, PolicyOrigin.SECURITY_PROPERTY_SET_AT_RUN_TIME, null);
  }

  private static PolicySetting systemProperty(String name, List<String> commandLine) {
    String value;
    try {
      value = System.getProperty(name);
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null) {
      return new PolicySetting(name, null, PolicyOrigin.PROVIDER_DEFAULT, null);
    }
    String option = "-D" + name;
    for (String variable : OPTION_VARIABLES) {
      String options = environment(variable);
      if (options != null && hasOption(List.of(options.split("\\s+")), option)) {
        return new PolicySetting(name, value, PolicyOrigin.ENVIRONMENT_OPTIONS, variable);
      }
    }
    if (commandLine == null || hasOption(commandLine, option)) {
      // an unreadable command line is most likely where a -D option was given
      return new PolicySetting(name, value, PolicyOrigin.COMMAND_LINE, null);
    }
    return new PolicySetting(name, value, PolicyOrigin.SYSTEM_PROPERTY_SET_AT_RUN_TIME, null);
  }

  private static boolean hasOption(List<String> arguments, String option) {
    for (String argument : arguments) {
      String a = argument.trim();
      if (a.equals(option) || a.startsWith(option + "=")) {
        return true;
      }
    }
    return false;
  }

  private static String environment(String variable) {
    try {
      return System.getenv(variable);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The JVM's options, read at the first failure and kept: they never change. */
  private static volatile List<String> commandLine;

  /** The JVM's options; null when java.management is absent or refuses. */
  private static List<String> commandLine() {
    List<String> known = commandLine;
    if (known != null) {
      return known;
    }
    try {
      known = List.copyOf(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
      commandLine = known;
      return known;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** java.security ignores whitespace around commas and at the ends; so does this comparison. */
  static boolean sameValue(String fileValue, String value) {
    return fileValue != null && normalize(fileValue).equals(normalize(value));
  }

  private static String normalize(String s) {
    return s.trim().replaceAll("\\s*,\\s*", ",").replaceAll("\\s+", " ");
  }

  /** The JDK's java.security and the override file, as the JDK itself would load them. */
  static final class SecurityFiles {
    final Properties jdk;
    final String jdkPath;
    final Properties override;
    final String overridePath;

    private SecurityFiles(Properties jdk, String jdkPath, Properties override, String overridePath) {
      this.jdk = jdk;
      this.jdkPath = jdkPath;
      this.override = override;
      this.overridePath = overridePath;
    }

    static SecurityFiles read() {
      String javaHome = System.getProperty("java.home");
      Path jdkFile = javaHome == null ? null : Paths.get(javaHome, "conf", "security", "java.security");
      String given = System.getProperty("java.security.properties");
      boolean replaces = given != null && given.startsWith("=");
      String overrideLocation = given == null ? null : replaces ? given.substring(1) : given;
      Properties jdk = replaces ? null : load(jdkFile);
      Properties override = overrideLocation == null ? null : load(path(overrideLocation));
      if (jdk != null && "false".equalsIgnoreCase(String.valueOf(jdk.getProperty("security.overridePropertiesFile")).trim())) {
        override = null; // the JDK ignores the override file
      }
      return new SecurityFiles(
          jdk, jdkFile == null ? null : jdkFile.toString(), override, override == null ? null : path(overrideLocation).toString());
    }

    private static Path path(String location) {
      try {
        if (location.startsWith("file:")) {
          return Paths.get(URI.create(location));
        }
        return Paths.get(location);
      } catch (RuntimeException e) {
        return null;
      }
    }

    private static Properties load(Path file) {
      if (file == null || !Files.isReadable(file)) {
        return null;
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
        return p;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
