package io.handshakedoctor.external;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates nginx, openssl and the forked JVMs use, minted once per test JVM with
 * BouncyCastle (not registered as a provider) and written as PEM / PKCS12 files into one directory.
 *
 * <pre>
 * root.pem                    Handshake Doctor External Root CA (the JVM clients' trust store)
 * intermediate.pem            issued by the root; issues every server leaf
 * app.{key,pem,fullchain.pem} app.handshake-doctor.test, valid (pem = leaf only)
 * expired.{key,fullchain.pem} app.handshake-doctor.test, valid 2024-01-01 .. 2024-02-01
 * other.{key,fullchain.pem}   other.handshake-doctor.test, valid
 * server.pem                  app key + full chain in one PEM (the JVM server's key store)
 * client-ca.pem               Handshake Doctor External Client CA (trusted by s_server and the JVM server)
 * client.p12, client.{key,pem}           client certificate from the client CA (PKCS12 password changeit)
 * client-expired.bundle.pem              expired client certificate from the client CA (key + cert)
 * rogue-ca.pem, rogue.bundle.pem, rogue.{key,pem}  a client CA nobody trusts, and its client certificate
 * self-signed-app.{key,pem}   app.handshake-doctor.test, self-signed (a trust manager that checks the host first still sees the chain)
 * swapped.{key,fullchain.pem}, second-root.pem  app.handshake-doctor.test issued by a second root nobody trusts, and that root
 * </pre>
 */
final class ExternalPki {
  static final String PASSWORD = "changeit";
  static final String ROOT = "CN=Handshake Doctor External Root CA,O=handshake-doctor";
  static final String INTERMEDIATE = "CN=Handshake Doctor External Intermediate CA,O=handshake-doctor";
  static final String CLIENT_CA = "CN=Handshake Doctor External Client CA,O=handshake-doctor";
  static final String ROGUE_CA = "CN=Rogue Client CA,O=Nobody Trusts This";
  static final String APP_HOST = "app.handshake-doctor.test";
  static final String OTHER_HOST = "other.handshake-doctor.test";
  static final String SECOND_ROOT = "CN=Handshake Doctor Second Root CA,O=handshake-doctor";
  /** The not-after of expiring.fullchain.pem: five days after the PKI was minted. */
  Instant expiringNotAfter;
  static final Instant EXPIRED_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant EXPIRED_NOT_AFTER = Instant.parse("2024-02-01T00:00:00Z");

  private static ExternalPki shared;
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  final Path dir;

  private ExternalPki(Path dir) {
    this.dir = dir;
  }

  /** Minted once per JVM, in a fresh temporary directory. */
  static synchronized ExternalPki shared() throws Exception {
    if (shared == null) {
      ExternalPki pki = new ExternalPki(Files.createTempDirectory("hd-external-pki"));
      pki.mint();
      shared = pki;
    }
    return shared;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  private static final class Issued {
    final X509Certificate cert;
    final PrivateKey key;

    Issued(X509Certificate cert, PrivateKey key) {
      this.cert = cert;
      this.key = key;
    }
  }

  private void mint() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = now.minus(1, ChronoUnit.DAYS);
    Instant to = now.plus(30, ChronoUnit.DAYS);
    Instant caTo = now.plus(365, ChronoUnit.DAYS);

    Issued root = ca(ROOT, null, from, caTo);
    Issued intermediate = ca(INTERMEDIATE, root, from, caTo);
    Issued app = leaf(APP_HOST, intermediate, from, to, true);
    Issued expired = leaf(APP_HOST, intermediate, EXPIRED_NOT_BEFORE, EXPIRED_NOT_AFTER, true);
    Issued other = leaf(OTHER_HOST, intermediate, from, to, true);
    Issued clientCa = ca(CLIENT_CA, null, from, caTo);
    Issued client = leaf("handshake-doctor-client", clientCa, from, to, false);
    Issued clientExpired = leaf("handshake-doctor-expired-client", clientCa, EXPIRED_NOT_BEFORE, EXPIRED_NOT_AFTER, false);
    Issued rogueCa = ca(ROGUE_CA, null, from, caTo);
    Issued rogue = leaf("rogue-client", rogueCa, from, to, false);
    expiringNotAfter = now.plus(5, ChronoUnit.DAYS);
    Issued expiring = leaf(APP_HOST, intermediate, from, expiringNotAfter, true);
    Issued secondRoot = ca(SECOND_ROOT, null, from, caTo);
    Issued swapped = leaf(APP_HOST, secondRoot, from, to, true);

    write("root.pem", pem(root.cert));
    write("intermediate.pem", pem(intermediate.cert));
    write("app.key", pem(app.key));
    write("app.pem", pem(app.cert));
    write("app.fullchain.pem", pem(app.cert) + pem(intermediate.cert));
    write("expired.key", pem(expired.key));
    write("expired.pem", pem(expired.cert));
    write("expired.fullchain.pem", pem(expired.cert) + pem(intermediate.cert));
    write("other.key", pem(other.key));
    write("other.fullchain.pem", pem(other.cert) + pem(intermediate.cert));
    write("server.pem", pem(app.key) + pem(app.cert) + pem(intermediate.cert));
    write("client-ca.pem", pem(clientCa.cert));
    write("client.key", pem(client.key));
    write("client.pem", pem(client.cert));
    write("client-expired.bundle.pem", pem(clientExpired.key) + pem(clientExpired.cert));
    write("expiring.key", pem(expiring.key));
    write("expiring.fullchain.pem", pem(expiring.cert) + pem(intermediate.cert));
    write("swapped.key", pem(swapped.key));
    write("swapped.fullchain.pem", pem(swapped.cert));
    write("both-roots.pem", pem(root.cert) + pem(secondRoot.cert));
    write("second-root.pem", pem(secondRoot.cert));
    Issued selfSigned = selfSignedServer(APP_HOST, from, to);
    write("self-signed-app.key", pem(selfSigned.key));
    write("self-signed-app.pem", pem(selfSigned.cert));
    write("rogue-ca.pem", pem(rogueCa.cert));
    write("rogue-ca.key", pem(rogueCa.key)); // served alone: a self-signed server certificate
    write("rogue.key", pem(rogue.key));
    write("rogue.pem", pem(rogue.cert));
    write("rogue.bundle.pem", pem(rogue.key) + pem(rogue.cert));
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry("client", client.key, PASSWORD.toCharArray(), new X509Certificate[] {client.cert});
    try (OutputStream out = Files.newOutputStream(file("client.p12"))) {
      p12.store(out, PASSWORD.toCharArray());
    }
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static Issued ca(String dn, Issued issuer, Instant from, Instant to) throws Exception {
    KeyPair keys = rsa();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
    // The issuer's encoded subject is copied as is, so chains link byte for byte.
    X509v3CertificateBuilder b = issuer == null
        ? new JcaX509v3CertificateBuilder(name(dn), serial, Date.from(from), Date.from(to), name(dn), keys.getPublic())
        : new JcaX509v3CertificateBuilder(issuer.cert, serial, Date.from(from), Date.from(to), name(dn), keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(issuer == null ? 1 : 0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    if (issuer != null) {
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.cert));
    }
    PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.key;
    return new Issued(sign(b, signer), keys.getPrivate());
  }

  /** A server certificate for {@code host} that signs itself (no CA), with the host as its SAN. */
  private static Issued selfSignedServer(String host, Instant from, Instant to) throws Exception {
    KeyPair keys = rsa();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name("CN=" + host), BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(from), Date.from(to), name("CN=" + host), keys.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
    return new Issued(sign(b, keys.getPrivate()), keys.getPrivate());
  }

  private static Issued leaf(String cn, Issued issuer, Instant from, Instant to, boolean server) throws Exception {
    KeyPair keys = rsa();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.cert,
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), name("CN=" + cn), keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
    if (server) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, cn)));
    }
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.cert));
    return new Issued(sign(b, issuer.key), keys.getPrivate());
  }

  /** The DN encoded as the JDK encodes it, so it reads back as written (CN first). */
  private static X500Name name(String dn) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(dn).getEncoded());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
  }

  private static String pem(X509Certificate c) throws Exception {
    return pem("CERTIFICATE", c.getEncoded());
  }

  private static String pem(PrivateKey k) {
    return pem("PRIVATE KEY", k.getEncoded()); // PKCS#8
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private void write(String name, String content) throws IOException {
    Files.write(file(name), content.getBytes(StandardCharsets.US_ASCII));
  }
}
