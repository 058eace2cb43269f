package io.handshakedoctor.external;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The forked application of {@link BcJsseClientIT}: BouncyCastle JSSE installed as its users do
 * ({@code Security.insertProviderAt(new BouncyCastleJsseProvider(), 2)} after bcprov, loaded by name so the
 * test classes compile without bctls), trusting only the test root, with the host name checked
 * during the handshake ({@code HTTPS} endpoint identification). Each {@code name=host:port[:protocol]}
 * argument is one handshake over an {@code SSLSocket}; {@code name=host:port:url} one
 * HttpsURLConnection request. Prints {@code name: ok} or {@code name: failed <exception>}. Test only.
 */
public final class BcJsseConnect {
  private BcJsseConnect() {}

  public static void main(String[] args) throws Exception {
    installBouncyCastle();
    TrustManagerFactory tmf = trustingOnly(args[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    System.out.println("provider: " + context.getProvider().getName() + " " + tmf.getProvider().getName());
    HandshakeAttempts.each(args, (host, port, option) -> {
      if ("url".equals(option)) {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://" + host + ":" + port + "/").openConnection();
        c.setSSLSocketFactory(context.getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        c.getResponseCode();
        c.disconnect();
        return "ok";
      }
      try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (option != null) {
          p.setProtocols(new String[] {option});
        }
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        // A TLS 1.3 server judges the client's certificate after the client's handshake is
        // done: its refusal arrives with the first read, as it would for a real request.
        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.getInputStream().read();
      }
      return "ok";
    });
  }

  /**
   * BC's crypto provider first and its JSSE second, as BC documents (BCJSSE's default SecureRandom
   * comes from bcprov); returns BCJSSE.
   */
  static Provider installBouncyCastle() throws Exception {
    Provider jsse = provider("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider");
    Security.insertProviderAt(provider("org.bouncycastle.jce.provider.BouncyCastleProvider"), 1);
    Security.insertProviderAt(jsse, 2);
    return jsse;
  }

  /** The root of {@code pemFile} as a trust manager factory of the default algorithm (BC's, once installed). */
  static TrustManagerFactory trustingOnly(String pemFile) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = new FileInputStream(pemFile)) {
      trust.setCertificateEntry("root", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  private static Provider provider(String className) throws Exception {
    return (Provider) Class.forName(className).getDeclaredConstructor().newInstance();
  }
}
