package io.handshakedoctor.capture.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handshakedoctor.capture.CapturingListener;
import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.samples.TestPki;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Netty server pipeline ({@code SslHandler} on SunJSSE's and on BoringSSL's engine) receiving a plain-text
 * HTTP request, with the listener called where the woven hook calls it ({@code setHandshakeFailure}, given the
 * handler's engine, context and Netty's {@code NotSslRecordException}): one event, named as a peer that does not
 * speak TLS, with the request's first bytes.
 */
class NettyHandlerFailuresTest {
  private static final TestPki PKI = TestPki.shared();
  private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final List<HandshakeEvidence> events = new ArrayList<>();
  private final CapturingListener listener =
      new CapturingListener(64, 16 * 1024, (e, thrown, context) -> events.add(e), (where, t) -> { throw new AssertionError(where, t); });

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
  void plainTextClientOfANettyServerIsANonTlsPeerWithItsFirstBytes(SslProvider provider) throws Exception {
    assumeTrue(provider == SslProvider.JDK || OpenSsl.isAvailable(), "netty-tcnative did not load");
    TestPki.Credential credential = PKI.leaf("localhost").build();
    SslContext context = SslContextBuilder.forServer(credential.privateKey(), credential.chain().toArray(new X509Certificate[0]))
        .sslProvider(provider).build();
    EmbeddedChannel channel = new EmbeddedChannel();
    SslHandler handler = context.newHandler(channel.alloc());
    if (provider == SslProvider.OPENSSL) {
      listener.nativeEngineCreated(handler.engine()); // as the engine constructor's hook does
    }
    channel.pipeline().addLast(handler);
    ChannelHandlerContext handlerContext = channel.pipeline().context(handler);
    Throwable thrown = null;
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(REQUEST));
      channel.checkException();
    } catch (Exception e) {
      thrown = e;
    }
    assertNotNull(thrown, "Netty refuses bytes that are not a TLS record");
    Throwable notTls = thrown.getCause() != null && !"NotSslRecordException".equals(thrown.getClass().getSimpleName()) ? thrown.getCause() : thrown;
    assertEquals("NotSslRecordException", notTls.getClass().getSimpleName(), String.valueOf(thrown));

    listener.nettyHandshakeFailing(handler.engine(), handlerContext, notTls);

    assertEquals(1, events.size(), "one event: " + events);
    HandshakeEvidence e = events.get(0);
    assertEquals(Side.SERVER, e.side());
    if (provider == SslProvider.JDK) {
      // Netty names the bytes in its message only when it checks the record header itself (SunJSSE's engine);
      // under BoringSSL they come from the engine's capture, which this test does not feed.
      assertArrayEquals(java.util.Arrays.copyOf(REQUEST, Math.min(REQUEST.length, 64)), e.peerBytesSample(), notTls.getMessage());
    }
    assertEquals(Cause.NON_TLS_PEER, DiagnosisEngine.standard().diagnose(e).cause());
    assertTrue(listener.inFlight() == 0, "the native engine's capture is released");
    channel.finishAndReleaseAll();
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"JDK"})
  void handlerFailuresOfTheEngineItselfAreLeftToTheEnginesHooks(SslProvider provider) throws Exception {
    TestPki.Credential credential = PKI.leaf("localhost").build();
    SslContext context = SslContextBuilder.forServer(credential.privateKey(), credential.chain().toArray(new X509Certificate[0]))
        .sslProvider(provider).build();
    EmbeddedChannel channel = new EmbeddedChannel();
    SslHandler handler = context.newHandler(channel.alloc());
    channel.pipeline().addLast(handler);
    listener.nettyHandshakeFailing(handler.engine(), channel.pipeline().context(handler),
        new javax.net.ssl.SSLHandshakeException("Received fatal alert: handshake_failure"));
    assertEquals(0, events.size(), "the engine's own hooks report its failures: " + events);
    channel.finishAndReleaseAll();
  }
}
