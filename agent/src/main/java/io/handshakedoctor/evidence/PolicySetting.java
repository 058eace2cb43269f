package io.handshakedoctor.evidence;

import java.util.Objects;

/**
 * One source of local TLS policy as it stood when the handshake failed: a security property
 * ({@code jdk.tls.disabledAlgorithms}), a system property ({@code jdk.tls.client.protocols}) or
 * the application's own {@code SSLParameters}, its value and where it was set. Immutable.
 */
public final class PolicySetting {
  private final String name;
  private final String value;
  private final PolicyOrigin origin;
  private final String location;

  /**
   * @param name the property ({@code jdk.tls.disabledAlgorithms}) or API ({@code SSLParameters.setProtocols})
   * @param value its value; null when unset
   * @param origin where it was set
   * @param location the file or environment variable holding it; null when the origin says all
   */
  public PolicySetting(String name, String value, PolicyOrigin origin, String location) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = value;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.location = location;
  }

  public String name() {
    return name;
  }

  /** The value in force; null when the property is unset. */
  public String value() {
    return value;
  }

  public PolicyOrigin origin() {
    return origin;
  }

  /** The file (override or JDK java.security) or environment variable; null when not applicable. */
  public String location() {
    return location;
  }

  public boolean isSet() {
    return value != null;
  }

  @Override
  public String toString() {
    return name + "=" + value + " (" + origin + (location == null ? "" : " " + location) + ")";
  }
}
