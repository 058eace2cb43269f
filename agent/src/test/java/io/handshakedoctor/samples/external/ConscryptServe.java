package io.handshakedoctor.samples.external;

import io.handshakedoctor.samples.EngineTransport;
import io.handshakedoctor.samples.ExceptionText;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.conscrypt.Conscrypt;

/**
 * The forked server of {@code ConscryptSocketServerIT}: Conscrypt installed first, its default
 * SSLServerSocket (the engine socket) requiring a client certificate and TLS 1.2 or newer.
 * Arguments: port, certificate chain, key, client CA (PEM). Prints {@code listening} once bound,
 * then {@code connection: ok} or {@code connection: failed ...} per handshake, until killed. Test
 * only.
 */
public final class ConscryptServe {
  /** Conscrypt 2.5.2 enables TLS 1.0 and 1.1 by default; this server, like most, does not. */
  static final String[] PROTOCOLS = {"TLSv1.2", "TLSv1.3"};

  private ConscryptServe() {}

  public static void main(String[] args) throws Exception {
    serve(args, false);
  }

  /** Serves on an SSLServerSocket, or with {@code engine} an SSLEngine over each accepted socket. */
  static void serve(String[] args, boolean engine) throws Exception {
    Security.insertProviderAt(Conscrypt.newProvider(), 1);
    Path keyStore = Files.createTempFile("conscrypt-serve", ".pem");
    Files.write(keyStore, (Files.readString(Path.of(args[2])) + Files.readString(Path.of(args[1]))).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    SSLContext context = Stores.context(keyStore.toString(), args[3], "changeit".toCharArray());
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    int port = Integer.parseInt(args[0]);
    ServerSocket server;
    if (engine) {
      server = new ServerSocket(port, 50, loopback);
    } else {
      SSLServerSocket sslServer = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, loopback);
      sslServer.setNeedClientAuth(true);
      sslServer.setEnabledProtocols(PROTOCOLS);
      server = sslServer;
    }
    System.out.println("listening");
    System.out.flush();
    while (true) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(10_000);
        String line;
        try {
          if (engine) {
            SSLEngine sslEngine = context.createSSLEngine();
            sslEngine.setUseClientMode(false);
            sslEngine.setNeedClientAuth(true);
            sslEngine.setEnabledProtocols(PROTOCOLS);
            try (EngineTransport connection = new EngineTransport(sslEngine, socket)) {
              connection.handshake();
            }
          } else {
            ((SSLSocket) socket).startHandshake();
          }
          line = "ok";
        } catch (Throwable t) {
          line = ExceptionText.failed(t);
        }
        System.out.println("connection: " + line);
        System.out.flush();
      }
    }
  }
}
