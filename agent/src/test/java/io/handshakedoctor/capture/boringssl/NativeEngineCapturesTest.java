package io.handshakedoctor.capture.boringssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handshakedoctor.capture.CapturingListener;
import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.evidence.ClientAuthMode;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.samples.TestPki;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real BoringSSL engines (netty-tcnative) shaking hands in memory, with the listener called exactly
 * where the woven hooks call it (engine created, around each wrap and unwrap, around the trust
 * manager): the evidence of each failure, and the cause the standard rules find in it.
 */
class NativeEngineCapturesTest {
  private static final TestPki PKI = TestPki.shared();
  private static final Instant EXPIRED_FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant EXPIRED_TO = Instant.parse("2024-02-01T00:00:00Z");

  private final List<HandshakeEvidence> events = new ArrayList<>();
  private final CapturingListener listener =
      new CapturingListener(64, 16 * 1024, (e, thrown, context) -> events.add(e), (where, t) -> { throw new AssertionError(where, t); });

  @BeforeAll
  static void boringSslLoads() {
    assumeTrue(OpenSsl.isAvailable(), "netty-tcnative did not load: " + OpenSsl.unavailabilityCause());
  }

  @Test
  void expiredServerCertificateIsDiagnosedFromTheTrustManagersVerdict() throws Exception {
    TestPki.Credential expired = PKI.leaf("localhost").validBetween(EXPIRED_FROM, EXPIRED_TO).build();
    HandshakeEvidence e = failingClientHandshake(server(expired).build(), client().build());
    assertEquals(Side.CLIENT, e.side());
    assertNotNull(e.clientHello(), "ClientHello from the wrap output");
    assertNotNull(e.serverHello(), "ServerHello from the unwrap input");
    assertNotNull(e.trust());
    assertFalse(e.trust().accepted());
    assertEquals(expired.certificate().getSubjectX500Principal().getName(), e.trust().chain().get(0).subject());
    assertEquals(Cause.CERTIFICATE_EXPIRED, cause(e));
  }

  @Test
  void unknownRootIsDiagnosed() throws Exception {
    TestPki.Credential root = PKI.unknownRootCa();
    TestPki.Credential leaf = PKI.leaf("localhost").issuedBy(root).build();
    TestPki.Credential stranger = leaf.sending(leaf.certificate(), root.certificate());
    HandshakeEvidence e = failingClientHandshake(server(stranger).build(), client().build());
    assertEquals(Cause.UNTRUSTED_UNKNOWN_CA, cause(e));
  }

  @Test
  void wrongHostIsDiagnosed() throws Exception {
    TestPki.Credential other = PKI.leaf("other").onlyDnsNames("other.example").build();
    HandshakeEvidence e = failingClientHandshake(server(other).build(), client().build());
    assertEquals("HTTPS", e.local().endpointIdentificationAlgorithm());
    assertEquals(Cause.HOSTNAME_MISMATCH, cause(e));
  }

  @Test
  void noCommonProtocolIsDiagnosedFromTheReceivedAlert() throws Exception {
    HandshakeEvidence e =
        failingClientHandshake(
            server(PKI.leaf("localhost").build()).protocols("TLSv1.2").build(),
            client().protocols("TLSv1.3").build());
    assertNotNull(e.alertReceived(), "BoringSSL's reason 1000 + 70");
    assertEquals("protocol_version", e.alertReceived().description());
    assertTrue(e.local().enabledProtocols().contains("TLSv1.3"));
    assertEquals(Cause.NO_COMMON_PROTOCOL_VERSION, cause(e));
  }

  @Test
  void serverRequiringAClientCertificateSeesItMissing() throws Exception {
    SslContext server = serverRequiringAClientCertificate("TLSv1.2");
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client().build().newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    handshake(clientEngine, serverEngine);
    HandshakeEvidence e = only(events.stream().filter(x -> x.side() == Side.SERVER).collect(java.util.stream.Collectors.toList()));
    assertEquals(ClientAuthMode.REQUIRED, e.local().clientAuth());
    assertNotNull(e.certificateRequest(), "TLS 1.2's CertificateRequest, from the wrap output: " + e.messagesSent());
    assertEquals("certificate_required", e.jsseAlert(), "the alert BoringSSL's reason implies: " + e.failure());
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, cause(e));
  }

  /** Netty makes a server's engine without the client's address: the failure reads it from the handler's channel. */
  @Test
  void aServersFailureNamesTheClientFromTheChannelItsHandlerJoined() throws Exception {
    SslContext server = serverRequiringAClientCertificate("TLSv1.2");
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client().build().newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    EmbeddedChannel accepted =
        new EmbeddedChannel(new ChannelInboundHandlerAdapter()) {
          @Override
          public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40001);
          }
        };
    handshake(clientEngine, serverEngine, accepted.pipeline().firstContext());
    HandshakeEvidence e = only(events.stream().filter(x -> x.side() == Side.SERVER).collect(java.util.stream.Collectors.toList()));
    assertNull(serverEngine.getPeerHost());
    assertEquals("127.0.0.1", e.peerHost());
    assertEquals(40001, e.peerPort());
    accepted.finishAndReleaseAll();
  }

  @Test
  void tls13ClientLearningAfterItsHandshakeThatItsCertificateWasMissingGetsOneEvent() throws Exception {
    SslContext server = serverRequiringAClientCertificate("TLSv1.3");
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client().protocols("TLSv1.3").build().newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    handshake(clientEngine, serverEngine);
    HandshakeEvidence e = only(events.stream().filter(x -> x.side() == Side.CLIENT).collect(java.util.stream.Collectors.toList()));
    assertNotNull(e.alertReceived(), "the alert, from BoringSSL's error: " + e.failure());
    assertEquals("certificate_required", e.alertReceived().description());
    assertEquals(Cause.CLIENT_CERTIFICATE_MISSING, cause(e));
    assertEquals(0, listener.inFlight());
  }

  @Test
  void healthyHandshakeLeavesNothingBehind() throws Exception {
    SslContext server = server(PKI.leaf("localhost").build()).build();
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client().build().newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    assertNull(handshake(clientEngine, serverEngine));
    assertTrue(events.isEmpty());
    assertEquals(0, listener.inFlight());
  }

  private HandshakeEvidence failingClientHandshake(SslContext server, SslContext client) throws Exception {
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    assertNotNull(handshake(clientEngine, serverEngine), "the handshake must fail");
    return only(events.stream().filter(x -> x.side() == Side.CLIENT).collect(java.util.stream.Collectors.toList()));
  }

  private static HandshakeEvidence only(List<HandshakeEvidence> list) {
    assertEquals(1, list.size(), "exactly one event: " + list);
    return list.get(0);
  }

  private static Cause cause(HandshakeEvidence e) {
    return DiagnosisEngine.standard().diagnose(e).cause();
  }

  private SslContext serverRequiringAClientCertificate(String protocol) throws Exception {
    return server(PKI.leaf("localhost").build())
        .clientAuth(ClientAuth.REQUIRE)
        .trustManager(PKI.rootCa().certificate())
        .protocols(protocol)
        .build();
  }

  private SslContextBuilder server(TestPki.Credential credential) {
    return SslContextBuilder.forServer(credential.privateKey(), credential.chain().toArray(new X509Certificate[0]))
        .sslProvider(SslProvider.OPENSSL);
  }

  /** Trusts the test root, with the listener called around the trust manager as the hook does. */
  private SslContextBuilder client() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", PKI.rootCa().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    X509ExtendedTrustManager delegate = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.OPENSSL)
        .endpointIdentificationAlgorithm("HTTPS")
        .trustManager(new HookedTrustManager(delegate));
  }

  /** Pumps the two engines until both finish or one throws; the throwable, or null on success. */
  private Throwable handshake(SSLEngine client, SSLEngine server) throws Exception {
    return handshake(client, server, null);
  }

  /** {@code serverHandlerContext}: the context of a Netty handler over the server's engine, as its hook passes it; or null. */
  private Throwable handshake(SSLEngine client, SSLEngine server, Object serverHandlerContext) throws Exception {
    listener.nativeEngineCreated(client);
    listener.nativeEngineCreated(server);
    if (serverHandlerContext != null) {
      listener.nettyHandlerAdded(server, serverHandlerContext);
    }
    ByteBuffer toServer = ByteBuffer.allocate(64 * 1024);
    ByteBuffer toClient = ByteBuffer.allocateDirect(64 * 1024);
    ByteBuffer app = ByteBuffer.allocate(64 * 1024);
    Throwable failure = null;
    for (int round = 0; round < 20; round++) {
      try {
        wrap(client, toServer);
        unwrap(client, toClient, app);
      } catch (SSLException e) {
        failure = failure == null ? e : failure;
      }
      try {
        unwrap(server, toServer, app);
        wrap(server, toClient);
      } catch (SSLException e) {
        failure = failure == null ? e : failure;
      }
      runTasks(client);
      runTasks(server);
      if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
        break;
      }
    }
    return failure;
  }

  private static void runTasks(SSLEngine engine) {
    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
      task.run();
    }
  }

  private static boolean done(SSLEngine engine) {
    SSLEngineResult.HandshakeStatus s = engine.getHandshakeStatus();
    return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || engine.isOutboundDone();
  }

  private void wrap(SSLEngine engine, ByteBuffer out) throws SSLException {
    SSLEngineResult r = null;
    Throwable thrown = null;
    listener.nativeEngineWrapping(engine, out);
    try {
      r = engine.wrap(ByteBuffer.allocate(0), out);
    } catch (SSLException e) {
      thrown = e;
      throw e;
    } finally {
      listener.nativeEngineWrapped(engine, out, r, thrown);
    }
  }

  /** {@code in} is in write mode; what the engine leaves unconsumed stays for the next round. */
  private void unwrap(SSLEngine engine, ByteBuffer in, ByteBuffer app) throws SSLException {
    in.flip();
    ByteBuffer[] sources = {in};
    SSLEngineResult r = null;
    Throwable thrown = null;
    try {
      while (in.hasRemaining()) {
        listener.nativeEngineUnwrapping(engine, sources, 0, 1);
        r = null;
        try {
          r = engine.unwrap(in, app);
        } catch (SSLException e) {
          thrown = e;
          throw e;
        } finally {
          listener.nativeEngineUnwrapped(engine, sources, 0, 1, r, thrown);
        }
        app.clear();
        if (r.bytesConsumed() == 0) {
          break;
        }
      }
    } finally {
      in.compact();
    }
  }

  /** The trust manager as the verify-callback hook sees it: before and after, keyed by the engine. */
  private final class HookedTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    HookedTrustManager(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      listener.certificatesChecking(engine, chain, true);
      try {
        delegate.checkServerTrusted(chain, authType, engine);
        listener.certificatesChecked(engine, chain, null, true);
      } catch (CertificateException | RuntimeException e) {
        listener.certificatesChecked(engine, chain, e, true);
        throw e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
