package io.handshakedoctor.reliability;

import io.handshakedoctor.samples.TestPki;
import io.handshakedoctor.samples.Tls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Forked-JVM main for the secrets scan: healthy handshakes that carry application data with a
 * marker, failing handshakes of several kinds (with server and client keys in play), and a
 * plain-text peer whose request target carries the marker. Prints every diagnosis the
 * application's exceptions carry, and writes the private keys' encodings and the marker to the
 * file named by args[0], for the test to search every output for.
 */
public final class SecretsHarness {
  static final String MARKER = "HD-PAYLOAD-MARKER-5e1f0c";

  public static void main(String[] args) throws Exception {
    TestPki pki = TestPki.shared();
    TestPki.Credential rsaLeaf = pki.leaf("CN=secrets.test").dnsNames("secrets.test").rsaKey("secrets-rsa", 2048).build();
    TestPki.Credential ecLeaf = pki.leaf("CN=ec.secrets.test").dnsNames("secrets.test").ecKey("secrets-ec", "secp256r1").build();
    TestPki.Credential clientLeaf = pki.leaf("CN=client.secrets.test").ecKey("secrets-client", "secp256r1").build();
    List<String> secrets = new ArrayList<>();
    for (TestPki.Credential c : List.of(rsaLeaf, ecLeaf, clientLeaf)) {
      secrets.addAll(encodings(c.privateKey()));
    }
    secrets.add(MARKER);
    Files.write(Paths.get(args[0]), secrets, StandardCharsets.UTF_8);

    SSLContext trusting = Tls.clientTrusting(pki.rootCa().certificate());
    SSLContext untrusting = Tls.clientTrusting(pki.unrelatedRootCa().certificate());
    KeyManager[] clientKeys = Tls.keyManagers(clientLeaf);
    SSLContext clientWithCert = Tls.context(clientKeys, Tls.trustManagers(pki.rootCa().certificate()));
    SSLContext serverRequiringUnrelated = Tls.context(Tls.keyManagers(rsaLeaf), Tls.trustManagers(pki.unrelatedRootCa().certificate()));

    for (TestPki.Credential leaf : List.of(rsaLeaf, ecLeaf)) {
      SSLContext server = Tls.serverContext(leaf);
      for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
        // healthy, with application data both ways
        exchange(trusting.createSSLEngine("secrets.test", 443), server.createSSLEngine(), protocol, false);
        // untrusted chain
        report(exchange(untrusting.createSSLEngine("secrets.test", 443), server.createSSLEngine(), protocol, false));
        // hostname mismatch
        SSLEngine mismatch = trusting.createSSLEngine("other.test", 443);
        javax.net.ssl.SSLParameters p = mismatch.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        mismatch.setSSLParameters(p);
        report(exchange(mismatch, server.createSSLEngine(), protocol, false));
      }
    }
    // client certificate rejected (the client's private key signs CertificateVerify)
    for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
      report(exchange(clientWithCert.createSSLEngine("secrets.test", 443), serverRequiringUnrelated.createSSLEngine(), protocol, true));
    }
    // a plain-text client whose request target carries the marker
    SSLEngine server = Tls.serverContext(rsaLeaf).createSSLEngine();
    server.setUseClientMode(false);
    ByteBuffer in = ByteBuffer.wrap(("GET /" + MARKER + "?token=" + MARKER + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    try {
      server.unwrap(in, ByteBuffer.allocate(server.getSession().getApplicationBufferSize()));
    } catch (SSLException e) {
      report(e);
    }
    System.out.println("done");
  }

  private static void report(Throwable t) {
    String diagnosis = t == null ? null : StormHarness.diagnosisOf(t);
    System.out.println("diagnosis: " + diagnosis);
  }

  /** Handshake, then (when it worked) application data with the marker each way. */
  private static SSLException exchange(SSLEngine client, SSLEngine server, String protocol, boolean needClientAuth) throws Exception {
    client.setUseClientMode(true);
    server.setUseClientMode(false);
    client.setEnabledProtocols(new String[] {protocol});
    server.setNeedClientAuth(needClientAuth);
    try {
      return EnginePair.handshake(client, server, null, MARKER + " sent as application data");
    } catch (SSLException lateAlert) {
      return lateAlert; // TLS 1.3: a rejected client certificate is learnt after finishing
    }
  }

  /** The key's encodings (hex, base64 of slices, raw numbers) that must appear nowhere. */
  static List<String> encodings(PrivateKey key) {
    List<String> out = new ArrayList<>();
    byte[] der = key.getEncoded();
    String hex = hex(der);
    for (int i = 0; i + 32 <= hex.length(); i += 48) {
      out.add(hex.substring(i, i + 32));
      out.add(hex.substring(i, i + 32).toUpperCase());
    }
    for (int shift = 0; shift < 3; shift++) {
      String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(der, shift, der.length));
      for (int i = 4; i + 24 <= b64.length() - 4; i += 60) {
        out.add(b64.substring(i, i + 24));
      }
    }
    if (key instanceof RSAPrivateCrtKey) {
      RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
      out.add(rsa.getPrivateExponent().toString(16).substring(0, 32));
      out.add(rsa.getPrivateExponent().toString().substring(0, 32));
      out.add(rsa.getPrimeP().toString(16).substring(0, 32));
    } else if (key instanceof ECPrivateKey) {
      String s = ((ECPrivateKey) key).getS().toString(16);
      out.add(s.substring(0, Math.min(32, s.length())));
      out.add(((ECPrivateKey) key).getS().toString().substring(0, 24));
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xFF));
    }
    return sb.toString();
  }
}
