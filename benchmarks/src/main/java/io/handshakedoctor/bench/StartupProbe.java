package io.handshakedoctor.bench;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The trivial programs whose whole run run.sh times, with and without the agent: what a TLS
 * client, server, serverless function or CLI pays at first use.
 *
 * <ul>
 *   <li>{@code context}: initialises the default SSLContext and exits;
 *   <li>{@code parameters}: also asks it for its default parameters, as every TLS client and
 *       server does (this already loads a class the agent hooks);
 *   <li>{@code handshake KEYSTORE}: {@code parameters}, then one full handshake between a client
 *       and a server SSLEngine in memory, closed cleanly (close_notify both ways); the server's
 *       key and the client's trust come from the PKCS#12 key store (password {@code changeit});
 *   <li>{@code client-hello}: the default context's client SSLEngine produces its ClientHello and
 *       the program exits with that handshake still in flight.
 * </ul>
 */
public final class StartupProbe {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "context";
    SSLContext context = SSLContext.getDefault();
    switch (mode) {
      case "context":
        break;
      case "parameters":
        requireProtocols(context);
        break;
      case "handshake":
        requireProtocols(context);
        handshake(args[1]);
        break;
      case "client-hello":
        clientHello(context);
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  private static void requireProtocols(SSLContext context) {
    if (context.getDefaultSSLParameters().getProtocols().length == 0) {
      throw new IllegalStateException("no protocols");
    }
  }

  private static void handshake(String keyStorePath) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keyStorePath)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    EnginePair pair = new EnginePair(client, server, null, null, 1 << 15);
    if (!pair.handshake()) {
      throw new IllegalStateException("handshake failed", pair.clientFailure);
    }
    if (!pair.close()) {
      throw new IllegalStateException("not closed cleanly");
    }
  }

  private static void clientHello(SSLContext context) throws Exception {
    SSLEngine engine = context.createSSLEngine("example.com", 443);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    ByteBuffer out = ByteBuffer.allocate(1 << 15);
    engine.wrap(ByteBuffer.allocate(0), out);
    if (out.position() == 0) {
      throw new IllegalStateException("no ClientHello");
    }
  }
}
