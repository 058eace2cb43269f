package io.handshakedoctor.samples.external;

import io.handshakedoctor.external.HandshakeAttempts;
import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conscrypt.Conscrypt;

/**
 * The forked client of {@code ConscryptSocketClientIT}: Conscrypt installed first, as its users do
 * ({@code Security.insertProviderAt(Conscrypt.newProvider(), 1)}, which also makes its trust manager
 * the default), then a request over its default SSLSocket (the engine socket) through
 * {@link Connect}'s socket path, the host name checked during the handshake. Arguments as
 * {@link HandshakeAttempts#each} reads them; a scenario's option is the protocols to enable. Test
 * only.
 */
public final class ConscryptConnect {
  private ConscryptConnect() {}

  public static void main(String[] args) {
    attempts(args, "socket");
  }

  /** Every scenario through Connect's {@code client} path ({@code socket} or {@code engine}). */
  static void attempts(String[] args, String client) {
    Security.insertProviderAt(Conscrypt.newProvider(), 1);
    HandshakeAttempts.each(args, (host, port, protocols) -> {
      Map<String, String> attempt = new LinkedHashMap<>();
      attempt.put("client", client);
      attempt.put("url", "https://" + host + ":" + port + "/");
      attempt.put("truststore", args[0]);
      attempt.put("password", "changeit");
      attempt.put("timeout-ms", "10000");
      if (protocols != null) {
        attempt.put("protocols", protocols);
      }
      Connect.connect(attempt); // s_server -www answers any request
      return "ok";
    });
    System.exit(0);
  }
}
