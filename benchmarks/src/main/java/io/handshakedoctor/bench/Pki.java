package io.handshakedoctor.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The benchmark's certificates: a server with a self-signed P-256 certificate for localhost, a
 * client that trusts it, and a client that trusts an unrelated certificate (the "untrusted"
 * failure). P-256 keeps each handshake cheap, which makes any cost the agent adds show more.
 * BouncyCastle only builds the certificates; signing and TLS use the JDK's own providers.
 */
final class Pki {
  private static Pki shared;

  final SSLContext server;
  final SSLContext trustingClient;
  final SSLContext untrustingClient;

  private Pki() throws Exception {
    char[] password = "changeit".toCharArray();
    KeyPair serverKeys = ecKeys();
    X509Certificate serverCert = selfSigned("CN=localhost,O=handshake-doctor benchmark", serverKeys);
    X509Certificate otherCert = selfSigned("CN=Unrelated,O=handshake-doctor benchmark", ecKeys());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", serverKeys.getPrivate(), password, new X509Certificate[] {serverCert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, password);

    server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), trusting(serverCert), null);
    trustingClient = SSLContext.getInstance("TLS");
    trustingClient.init(null, trusting(serverCert), null);
    untrustingClient = SSLContext.getInstance("TLS");
    untrustingClient.init(null, trusting(otherCert), null);
  }

  static synchronized Pki shared() throws Exception {
    if (shared == null) {
      shared = new Pki();
    }
    return shared;
  }

  private static javax.net.ssl.TrustManager[] trusting(X509Certificate anchor) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("anchor", anchor);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    return tmf.getTrustManagers();
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate selfSigned(String subject, KeyPair keys) throws Exception {
    X500Name name = new X500Name(subject);
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now),
            new Date(now - 3_600_000L),
            new Date(now + 7 * 86_400_000L),
            name,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
