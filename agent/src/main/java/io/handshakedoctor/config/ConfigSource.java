package io.handshakedoctor.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw settings from the three places an agent is configured, in precedence order: the agent
 * argument string ({@code -javaagent:handshake-doctor.jar=events.file=x.jsonl,log=stderr}), then
 * system properties ({@code -Dhandshake.doctor.events.file=...}), then environment variables
 * ({@code HANDSHAKE_DOCTOR_EVENTS_FILE=...}).
 */
public final class ConfigSource {
  static final String PROPERTY_PREFIX = "handshake.doctor.";
  static final String ENV_PREFIX = "HANDSHAKE_DOCTOR_";

  private final Map<String, String> agentArguments;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  ConfigSource(
      Map<String, String> agentArguments,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    this.agentArguments = agentArguments;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Reads the live JVM's properties and environment. */
  public static ConfigSource of(String agentArguments) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      props.put(name, System.getProperty(name));
    }
    return new ConfigSource(parseArguments(agentArguments), props, System.getenv());
  }

  public static ConfigSource of(
      String agentArguments, Map<String, String> systemProperties, Map<String, String> environment) {
    return new ConfigSource(parseArguments(agentArguments), systemProperties, environment);
  }

  /** The value for {@code key} (e.g. {@code events.file}) and where it came from, or null. */
  RawValue lookup(String key) {
    String v = agentArguments.get(key);
    if (v != null) {
      return new RawValue(key, v, "agent argument " + key);
    }
    v = systemProperties.get(PROPERTY_PREFIX + key);
    if (v != null) {
      return new RawValue(key, v, "system property " + PROPERTY_PREFIX + key);
    }
    String envName = ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    v = environment.get(envName);
    if (v != null) {
      return new RawValue(key, v, "environment variable " + envName);
    }
    return null;
  }

  /**
   * Keys given as {@code handshake.doctor.*} system properties or {@code HANDSHAKE_DOCTOR_*}
   * environment variables (environment names lower-cased, underscores as dots), with where each
   * came from, to report the unknown ones.
   */
  Map<String, String> prefixedKeys() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : systemProperties.keySet()) {
      if (name.startsWith(PROPERTY_PREFIX)) {
        out.put(name.substring(PROPERTY_PREFIX.length()), "system property " + name);
      }
    }
    for (String name : environment.keySet()) {
      if (name.startsWith(ENV_PREFIX)) {
        String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        out.putIfAbsent(key, "environment variable " + name);
      }
    }
    return out;
  }

  /** Agent argument keys, to report the unknown ones. */
  Iterable<String> agentArgumentKeys() {
    return agentArguments.keySet();
  }

  static Map<String, String> parseArguments(String arguments) {
    Map<String, String> out = new LinkedHashMap<>();
    if (arguments == null || arguments.isBlank()) {
      return out;
    }
    for (String part : arguments.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        out.put(item, "true");
      } else {
        out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** A value as written, with a description of its origin for error messages. */
  static final class RawValue {
    final String key;
    final String value;
    final String origin;

    RawValue(String key, String value, String origin) {
      this.key = key;
      this.value = value;
      this.origin = origin;
    }
  }
}
