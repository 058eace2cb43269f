package io.handshakedoctor.logging.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real TLS server on loopback whose certificate (issued by a CA the client trusts) expired on
 * 2021-01-01, and the three ways the logging apps call it. Dates and names are fixed so that two
 * runs print byte-identical exceptions; only the keys differ, and no message shows them.
 */
public final class ExpiredCertificateServer implements AutoCloseable {
  static final String CA_NAME = "CN=Logging Test CA, O=handshake-doctor tests";
  static final String SERVER_NAME = "CN=localhost, O=handshake-doctor tests";

  private final SSLServerSocket server;
  private final SSLContext clientContext;
  private final Thread acceptor;

  private ExpiredCertificateServer(SSLServerSocket server, SSLContext clientContext) {
    this.server = server;
    this.clientContext = clientContext;
    this.acceptor = new Thread(this::serve, "expired-certificate-server");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  static ExpiredCertificateServer start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    X509Certificate ca =
        certificate(CA_NAME, caKeys.getPrivate(), CA_NAME, caKeys, "2020-01-01T00:00:00Z", "2040-01-01T00:00:00Z", true);
    X509Certificate leaf =
        certificate(SERVER_NAME, caKeys.getPrivate(), CA_NAME, serverKeys,
            "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", false);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", serverKeys.getPrivate(), new char[0], new Certificate[] {leaf, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new ExpiredCertificateServer(server, clientContext);
  }

  private static X509Certificate certificate(
      String subject, PrivateKey signer, String issuer, KeyPair subjectKeys, String from, String to, boolean ca)
      throws Exception {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(ca ? 1 : 2),
            Date.from(Instant.parse(from)),
            Date.from(Instant.parse(to)),
            new X500Name(subject),
            subjectKeys.getPublic());
    if (ca) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  /** Accepts connections and lets each handshake fail; the server side stays silent. */
  private void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.getInputStream().read();
      } catch (IOException | RuntimeException expected) {
        // the client rejects our certificate: nothing to do
      }
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * One call through {@code client}: {@code socket} (SSLSocket, implicit handshake on the first
   * write), {@code url} (HttpsURLConnection) or {@code http-client} (java.net.http, SSLEngine).
   */
  void call(String client) throws Exception {
    switch (client) {
      case "socket":
        try (Socket socket = clientContext.getSocketFactory().createSocket("localhost", port())) {
          socket.setSoTimeout(10_000);
          OutputStream out = socket.getOutputStream();
          out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          InputStream in = socket.getInputStream();
          in.read();
        }
        break;
      case "url":
        HttpsURLConnection connection =
            (HttpsURLConnection) new URL("https://localhost:" + port() + "/").openConnection();
        connection.setSSLSocketFactory(clientContext.getSocketFactory());
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        connection.getResponseCode();
        break;
      case "http-client":
        HttpClient http =
            HttpClient.newBuilder()
                .sslContext(clientContext)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        http.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + port() + "/")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        break;
      default:
        throw new IllegalArgumentException("unknown client " + client);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
