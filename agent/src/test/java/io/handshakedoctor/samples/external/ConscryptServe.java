package io.handshakedoctor.samples.external;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.conscrypt.Conscrypt;

/**
 * The forked server of {@code ConscryptIT}: Conscrypt installed first, requiring a client
 * certificate and TLS 1.2 or newer, on two listeners at once: its default SSLServerSocket
 * ({@code engine-socket}) and an SSLEngine over accepted sockets ({@code engine}). Arguments: key store (PEM key and chain), client CA (PEM). Prints
 * {@code listening <kind> <port>} for each, then {@code <kind> connection: ok} or
 * {@code <kind> connection: failed ...} per handshake, until killed. Test only.
 */
public final class ConscryptServe {
  /** Conscrypt 2.5.2 enables TLS 1.0 and 1.1 by default; this server, like most, does not. */
  private static final String[] PROTOCOLS = {"TLSv1.2", "TLSv1.3"};

  private ConscryptServe() {}

  public static void main(String[] args) throws Exception {
    Security.insertProviderAt(Conscrypt.newProvider(), 1);
    SSLContext context = Stores.context(args[0], args[1], "changeit".toCharArray());
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (String kind : new String[] {"engine-socket", "engine"}) {
      ServerSocket server;
      if ("engine".equals(kind)) {
        server = new ServerSocket(0, 50, loopback);
      } else {
        javax.net.ssl.SSLServerSocketFactory factory = context.getServerSocketFactory();
        SSLServerSocket sslServer = (SSLServerSocket) factory.createServerSocket(0, 50, loopback);
        sslServer.setNeedClientAuth(true);
        sslServer.setEnabledProtocols(PROTOCOLS);
        server = sslServer;
      }
      Thread t = new Thread(() -> serve(kind, server, context), "serve-" + kind);
      t.setDaemon(false);
      t.start();
      System.out.println("listening " + kind + " " + server.getLocalPort());
    }
    System.out.flush();
  }

  private static void serve(String kind, ServerSocket server, SSLContext context) {
    while (true) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(10_000);
        String line;
        try {
          if ("engine".equals(kind)) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(true);
            engine.setEnabledProtocols(PROTOCOLS);
            try (EngineConnection connection = new EngineConnection(engine, socket)) {
              connection.handshake();
            }
          } else {
            ((SSLSocket) socket).startHandshake();
          }
          line = "ok";
        } catch (Throwable t) {
          line = Outcome.failed(t);
        }
        System.out.println(kind + " connection: " + line);
        System.out.flush();
      } catch (Exception e) {
        System.out.println(kind + " accept: " + Outcome.failed(e));
        return;
      }
    }
  }
}
