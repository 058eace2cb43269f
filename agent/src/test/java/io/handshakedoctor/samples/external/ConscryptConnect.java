package io.handshakedoctor.samples.external;

import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conscrypt.Conscrypt;

/**
 * The forked client of {@code ConscryptIT}: Conscrypt installed first, as its users do
 * ({@code Security.insertProviderAt(Conscrypt.newProvider(), 1)}, which also makes its trust
 * manager the default), then {@link Connect}'s client paths with the host name checked during the
 * handshake. Arguments: the trust store (PEM), then {@code name=kind=url[=protocols]} per
 * handshake, where kind is {@code engine-socket} (Conscrypt's default SSLSocket), {@code engine}
 * (an SSLEngine over a socket) or {@code fd-socket} (its file-descriptor SSLSocket, which fails on
 * JDK 13+ before any TLS byte: it loads the woven class all the same). Prints {@code name: ok HTTP <status>} or
 * {@code name: failed <exception> [| handshake-doctor: ...]}. Test only.
 */
public final class ConscryptConnect {
  private ConscryptConnect() {}

  public static void main(String[] args) {
    Security.insertProviderAt(Conscrypt.newProvider(), 1);
    for (int i = 1; i < args.length; i++) {
      String[] parts = args[i].split("=");
      // Read when a socket factory is made: Connect makes a context (and factory) per handshake.
      Conscrypt.setUseEngineSocketByDefault(!"fd-socket".equals(parts[1]));
      Map<String, String> attempt = new LinkedHashMap<>();
      attempt.put("client", "engine".equals(parts[1]) ? "engine" : "socket");
      attempt.put("url", parts[2]);
      attempt.put("truststore", args[0]);
      attempt.put("password", "changeit");
      attempt.put("timeout-ms", "10000");
      if (parts.length > 3) {
        attempt.put("protocols", parts[3]);
      }
      String line;
      try {
        line = "ok HTTP " + Connect.connect(attempt);
      } catch (Throwable t) {
        line = Outcome.failed(t);
      }
      System.out.println(parts[0] + ": " + line);
      System.out.flush();
    }
    System.exit(0);
  }
}
