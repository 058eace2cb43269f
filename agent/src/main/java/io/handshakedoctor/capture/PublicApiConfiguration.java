package io.handshakedoctor.capture;

import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/**
 * The local configuration an engine exposes through the public {@code SSLParameters} API: what the
 * providers without readable internals (netty-tcnative, BouncyCastle JSSE, Conscrypt) give at
 * failure time.
 */
public final class PublicApiConfiguration {
  private PublicApiConfiguration() {}

  /**
   * Everything {@code parameters} (a socket's or an engine's, as they stand at the failure) say.
   * The JDK's security properties are left out: these providers do not read them.
   */
  public static LocalConfiguration of(SSLParameters parameters, boolean client) {
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.enabledProtocols(list(parameters.getProtocols()));
    c.enabledCipherSuites(list(parameters.getCipherSuites()));
    addParameters(c, parameters);
    c.clientAuth(clientAuth(client, parameters.getNeedClientAuth(), parameters.getWantClientAuth()));
    return c.build();
  }

  /** SNI names, endpoint identification, ALPN and SNI matchers from {@code parameters}. */
  public static void addParameters(LocalConfiguration.Builder c, SSLParameters parameters) {
    List<String> names = new ArrayList<>();
    if (parameters.getServerNames() != null) {
      for (SNIServerName name : parameters.getServerNames()) {
        names.add(name instanceof SNIHostName ? ((SNIHostName) name).getAsciiName() : name.toString());
      }
    }
    c.serverNames(names);
    c.endpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
    c.applicationProtocols(list(parameters.getApplicationProtocols()));
    c.hasServerNameMatchers(parameters.getSNIMatchers() != null && !parameters.getSNIMatchers().isEmpty());
  }

  /** A client never asks for a client certificate; a server's need wins over its want. */
  public static ClientAuthMode clientAuth(boolean client, boolean need, boolean want) {
    return client ? ClientAuthMode.NONE : need ? ClientAuthMode.REQUIRED : want ? ClientAuthMode.WANTED : ClientAuthMode.NONE;
  }

  /** A copy, so later changes to the engine's arrays do not reach the evidence. */
  public static List<String> list(String[] values) {
    return values == null ? null : Arrays.asList(values.clone());
  }
}
