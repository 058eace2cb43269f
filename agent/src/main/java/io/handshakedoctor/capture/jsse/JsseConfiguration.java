package io.handshakedoctor.capture.jsse;

import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.PolicyOrigin;
import io.handshakedoctor.evidence.PolicySetting;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * This side's configuration of a failing SunJSSE connection: its {@code SSLConfiguration} (enabled
 * and, once a handshake runs, active protocols and suites, SNI, endpoint identification, client
 * auth, ALPN), the context's defaults and managers, and the JDK's policy with where each list
 * came from. Read at failure time only.
 */
final class JsseConfiguration {
  private final JsseFields fields;
  private final JsseManagers managers = new JsseManagers();
  private final LocalPolicyReader policy = new LocalPolicyReader();

  JsseConfiguration(JsseFields fields) {
    this.fields = fields;
  }

  /** {@code handshakeContext} may be null (no handshake started: only the enabled lists are known). */
  LocalConfiguration read(Object transportContext, Object handshakeContext) {
    Object sslConfig = fields.field(transportContext, "sslConfig");
    boolean client = fields.booleanField(sslConfig, "isClientMode");
    List<String> enabledProtocols = fields.displayNames(fields.field(sslConfig, "enabledProtocols"));
    List<String> enabledSuites = fields.displayNames(fields.field(sslConfig, "enabledCipherSuites"));
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.enabledProtocols(enabledProtocols);
    c.enabledCipherSuites(enabledSuites);
    if (handshakeContext != null) {
      c.activeProtocols(fields.displayNames(fields.field(handshakeContext, "activeProtocols")));
      c.activeCipherSuites(fields.displayNames(fields.field(handshakeContext, "activeCipherSuites")));
    }
    c.serverNames(hostNames(fields.field(sslConfig, "serverNames")));
    Object identification = fields.field(sslConfig, "identificationProtocol");
    c.endpointIdentificationAlgorithm(identification instanceof String ? (String) identification : null);
    c.clientAuth(clientAuth(fields.field(sslConfig, "clientAuthType")));
    c.applicationProtocols(fields.displayNames(fields.field(sslConfig, "applicationProtocols")));
    Object matchers = fields.field(sslConfig, "sniMatchers");
    c.hasServerNameMatchers(matchers instanceof Collection && !((Collection<?>) matchers).isEmpty());
    c.disabledTlsAlgorithms(Security.getProperty("jdk.tls.disabledAlgorithms"));
    c.disabledCertPathAlgorithms(Security.getProperty("jdk.certpath.disabledAlgorithms"));
    Object sslContext = fields.field(transportContext, "sslContext");
    List<PolicySetting> settings = policy.read();
    c.policy(settings);
    c.protocolsSource(listSource(
        enabledProtocols,
        fields.displayNames(fields.call(sslContext, client ? "getClientDefaultProtocolVersions" : "getServerDefaultProtocolVersions")),
        settings, client ? "jdk.tls.client.protocols" : "jdk.tls.server.protocols", "https.protocols",
        "SSLParameters.setProtocols"));
    c.cipherSuitesSource(listSource(
        enabledSuites,
        fields.displayNames(fields.call(sslContext, client ? "getClientDefaultCipherSuites" : "getServerDefaultCipherSuites")),
        settings, client ? "jdk.tls.client.cipherSuites" : "jdk.tls.server.cipherSuites", "https.cipherSuites",
        "SSLParameters.setCipherSuites"));
    c.trustedIssuers(managers.trustedIssuers(sslContext));
    c.keyTypes(managers.keyTypes(sslContext, client));
    return c.build();
  }

  /**
   * What chose an enabled list: the context's defaults come from {@code defaultsProperty} when it
   * is set (else SunJSSE); a list that differs from them was set by the application, or by
   * HttpsURLConnection from {@code httpsProperty}.
   */
  private static PolicySetting listSource(
      List<String> enabled, List<String> defaults, List<PolicySetting> settings,
      String defaultsProperty, String httpsProperty, String applicationCall) {
    if (enabled == null || defaults == null) {
      return null;
    }
    if (enabled.equals(defaults)) {
      PolicySetting property = setting(settings, defaultsProperty);
      return property != null && property.isSet()
          ? property
          : new PolicySetting("SunJSSE default", String.join(",", defaults), PolicyOrigin.PROVIDER_DEFAULT, null);
    }
    PolicySetting https = setting(settings, httpsProperty);
    if (https != null && https.isSet() && sameNames(https.value(), enabled)) {
      return https;
    }
    return new PolicySetting(applicationCall, String.join(",", enabled), PolicyOrigin.APPLICATION, null);
  }

  private static PolicySetting setting(List<PolicySetting> settings, String name) {
    for (PolicySetting s : settings) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static boolean sameNames(String csv, List<String> names) {
    List<String> listed = new ArrayList<>();
    for (String n : csv.split(",")) {
      if (!n.trim().isEmpty()) {
        listed.add(n.trim());
      }
    }
    return listed.size() == names.size() && listed.containsAll(names);
  }

  private static List<String> hostNames(Object serverNames) {
    List<String> out = new ArrayList<>();
    if (serverNames instanceof Collection) {
      for (Object name : (Collection<?>) serverNames) {
        if (name instanceof SNIHostName) {
          out.add(((SNIHostName) name).getAsciiName());
        } else if (name instanceof SNIServerName) {
          out.add(name.toString());
        }
      }
    }
    return out;
  }

  /** SunJSSE's ClientAuthType: CLIENT_AUTH_NONE, _REQUESTED or _REQUIRED. */
  private ClientAuthMode clientAuth(Object clientAuthType) {
    String name = fields.displayName(clientAuthType);
    if (name == null) {
      return ClientAuthMode.NONE;
    }
    if (name.endsWith("REQUIRED")) {
      return ClientAuthMode.REQUIRED;
    }
    if (name.endsWith("REQUESTED")) {
      return ClientAuthMode.WANTED;
    }
    return ClientAuthMode.NONE;
  }
}
