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
 * argument is one handshake over an {@code SSLSocket}; {@code name=url:https://...} one
 * HttpsURLConnection request; {@code name=netty:host:port[:protocol]} one request through Netty's
 * {@code SslHandler} on BC's {@code SSLEngine} ({@link BcJsseNettyClient}). Prints {@code name: ok} or {@code name: failed <exception>}. Test only.
 */
public final class BcJsseConnect {
  private BcJsseConnect() {}

  public static void main(String[] args) throws Exception {
    Provider bcJsse = installBouncyCastle();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = new FileInputStream(args[0])) {
      trust.setCertificateEntry("root", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    System.out.println("provider: " + context.getProvider().getName() + " " + tmf.getProvider().getName());
    for (int i = 1; i < args.length; i++) {
      String[] nameAndTarget = args[i].split("=", 2);
      String outcome;
      try {
        if (nameAndTarget[1].startsWith("netty:")) {
          BcJsseNettyClient.handshake(bcJsse, tmf, nameAndTarget[1].substring(6).split(":"));
        } else if (nameAndTarget[1].startsWith("url:")) {
          HttpsURLConnection c = (HttpsURLConnection) new URL(nameAndTarget[1].substring(4)).openConnection();
          c.setSSLSocketFactory(context.getSocketFactory());
          c.setConnectTimeout(10_000);
          c.setReadTimeout(10_000);
          c.getResponseCode();
          c.disconnect();
        } else {
          String[] target = nameAndTarget[1].split(":");
          try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(target[0], Integer.parseInt(target[1]))) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (target.length > 2) {
              p.setProtocols(new String[] {target[2]});
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
        }
        outcome = "ok";
      } catch (Exception e) {
        outcome = "failed " + e + diagnoses(e);
      }
      System.out.println(nameAndTarget[0] + ": " + outcome);
    }
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

  private static Provider provider(String className) throws Exception {
    return (Provider) Class.forName(className).getDeclaredConstructor().newInstance();
  }

  /** The agent's enrichment: a suppressed exception somewhere in the cause chain. */
  static String diagnoses(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (String.valueOf(s.getMessage()).startsWith("handshake-doctor:")) {
          out.append(" | ").append(s.getMessage());
        }
      }
    }
    return out.toString();
  }
}
