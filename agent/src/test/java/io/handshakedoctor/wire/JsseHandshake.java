package io.handshakedoctor.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Runs a real in-memory handshake between two JSSE SSLEngines and keeps every byte each side's
 * wrap() produced, so the parsers can be checked against what JSSE actually sends.
 */
final class JsseHandshake {
  static final String SUBJECT = "CN=handshake-doctor test,O=Example,C=DE";

  private static final java.util.Map<String, SSLContext> CONTEXTS = new java.util.HashMap<>();
  private static final java.util.Map<String, X509Certificate> CERTIFICATES = new java.util.HashMap<>();

  /** Everything each side wrote, and the failure (if any) each side saw. */
  static final class Capture {
    final ByteArrayOutputStream client = new ByteArrayOutputStream();
    final ByteArrayOutputStream server = new ByteArrayOutputStream();
    SSLException clientFailure;
    SSLException serverFailure;

    byte[] clientBytes() {
      return client.toByteArray();
    }

    byte[] serverBytes() {
      return server.toByteArray();
    }
  }

  private JsseHandshake() {}

  /** One context (self-signed P-256 certificate, trusting itself) shared by all tests. */
  static SSLContext context() throws Exception {
    return context("EC");
  }

  /** A context whose self-signed certificate has an "EC" (P-256) or "RSA" (2048) key. */
  static synchronized SSLContext context(String keyAlgorithm) throws Exception {
    SSLContext context = CONTEXTS.get(keyAlgorithm);
    if (context == null) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      if (keyAlgorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name(SUBJECT);
      long now = System.currentTimeMillis();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          name, BigInteger.valueOf(now), new Date(now - 3_600_000L),
          new Date(now + 86_400_000L), name, keys.getPublic());
      String signature = keyAlgorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));

      char[] password = "changeit".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", keys.getPrivate(), password, new X509Certificate[] {certificate});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(store, password);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      context = ctx;
      CONTEXTS.put(keyAlgorithm, ctx);
      CERTIFICATES.put(keyAlgorithm, certificate);
    }
    return context;
  }

  static X509Certificate certificate() throws Exception {
    context();
    return CERTIFICATES.get("EC");
  }

  static SSLEngine client() throws Exception {
    return client("EC");
  }

  static SSLEngine client(String keyAlgorithm) throws Exception {
    SSLEngine engine = context(keyAlgorithm).createSSLEngine("server.example.com", 443);
    engine.setUseClientMode(true);
    return engine;
  }

  static SSLEngine server() throws Exception {
    return server("EC");
  }

  static SSLEngine server(String keyAlgorithm) throws Exception {
    SSLEngine engine = context(keyAlgorithm).createSSLEngine();
    engine.setUseClientMode(false);
    return engine;
  }

  /** Pumps bytes between the engines until neither makes progress; failures are recorded. */
  static Capture run(SSLEngine client, SSLEngine server) throws Exception {
    Capture capture = new Capture();
    ByteBuffer toServer = ByteBuffer.allocate(1 << 18);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 18);
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < 200; round++) {
      int moved = 0;
      try {
        moved += wrap(client, toServer, capture.client);
      } catch (SSLException e) {
        moved += capture.clientFailure == null ? 1 : 0;
        capture.clientFailure = e;
      }
      try {
        moved += wrap(server, toClient, capture.server);
      } catch (SSLException e) {
        moved += capture.serverFailure == null ? 1 : 0;
        capture.serverFailure = e;
      }
      try {
        moved += unwrap(server, toServer);
      } catch (SSLException e) {
        moved += capture.serverFailure == null ? 1 : 0;
        capture.serverFailure = e;
        toServer.clear(); // a failed engine would throw again on the same bytes
      }
      try {
        moved += unwrap(client, toClient);
      } catch (SSLException e) {
        moved += capture.clientFailure == null ? 1 : 0;
        capture.clientFailure = e;
        toClient.clear();
      }
      if (moved == 0) {
        break;
      }
    }
    return capture;
  }

  private static int wrap(SSLEngine engine, ByteBuffer net, ByteArrayOutputStream sink)
      throws SSLException {
    int produced = 0;
    for (int i = 0; i < 20; i++) {
      ByteBuffer out = ByteBuffer.allocate(1 << 17);
      SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
      runTasks(engine);
      out.flip();
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      sink.write(bytes, 0, bytes.length);
      net.put(bytes);
      produced += bytes.length;
      if (bytes.length == 0 || result.getStatus() == SSLEngineResult.Status.CLOSED) {
        break;
      }
    }
    return produced;
  }

  private static int unwrap(SSLEngine engine, ByteBuffer net) throws SSLException {
    net.flip();
    int consumed = 0;
    try {
      while (net.hasRemaining()) {
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        SSLEngineResult result = engine.unwrap(net, app);
        runTasks(engine);
        consumed += result.bytesConsumed();
        if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
          break;
        }
      }
    } finally {
      net.compact();
    }
    return consumed;
  }

  private static void runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
