package io.handshakedoctor.capture.netty;

import io.handshakedoctor.capture.FailureSink;
import io.handshakedoctor.capture.PublicApiConfiguration;
import io.handshakedoctor.capture.RequestContexts;
import io.handshakedoctor.capture.boringssl.NativeEngineCaptures;
import io.handshakedoctor.evidence.FailureOrigin;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.LocalConfiguration;
import io.handshakedoctor.evidence.Side;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Handshakes Netty's {@code SslHandler} fails itself, before the engine under it (SunJSSE's, netty-tcnative's,
 * any provider's) has seen anything: a peer whose first bytes are not a TLS record. Netty checks each record
 * header before unwrapping and throws its {@code NotSslRecordException} ("not an SSL/TLS record: " and the bytes
 * in hex; without them when a native engine unwrapped them first, whose capture then has them), so no engine
 * hook reports it. Netty's objects (also relocated, as in gRPC's shaded copy) are read here
 * reflectively through their public interfaces, at failure time only.
 */
public final class NettyHandlerFailures {
  private static final String NOT_TLS = "NotSslRecordException";
  private static final String NOT_TLS_MESSAGE = "not an SSL/TLS record: ";
  private static final int SAMPLE_BYTES = 64;

  private final FailureSink sink;
  private final NativeEngineCaptures nativeEngines;
  private WeakReference<Object> lastReported = new WeakReference<>(null);

  private final RequestContexts requestContexts;

  public NettyHandlerFailures(FailureSink sink, NativeEngineCaptures nativeEngines, RequestContexts requestContexts) {
    this.sink = sink;
    this.nativeEngines = nativeEngines;
    this.requestContexts = requestContexts;
  }

  /** {@code SslHandler.setHandshakeFailure(ctx, cause, ...)} is about to run for {@code engine}. */
  public void failing(Object engine, Object channelContext, Throwable cause) {
    if (!(engine instanceof SSLEngine) || cause == null) {
      return;
    }
    if (!NOT_TLS.equals(cause.getClass().getSimpleName())) {
      return; // the engine's own failures are reported by its hooks
    }
    synchronized (this) {
      if (lastReported.get() == engine) {
        return; // Netty fails a BoringSSL engine's handshake twice for one plain-text peer: one event
      }
      lastReported = new WeakReference<>(engine);
    }
    byte[] sample = firstBytes(cause.getMessage());
    if (sample == null) {
      sample = nativeEngines.firstInboundBytes(engine, SAMPLE_BYTES); // Netty's message leaves them out
    }
    nativeEngines.forget(engine); // reported here, once
    SSLEngine e = (SSLEngine) engine;
    boolean client = e.getUseClientMode();
    HandshakeEvidence.Builder b = HandshakeEvidence.builder(client ? Side.CLIENT : Side.SERVER);
    InetSocketAddress remote = remoteAddress(channelContext);
    if (remote != null) {
      b.peer(remote.getHostString(), remote.getPort());
    } else {
      b.peer(e.getPeerHost(), e.getPeerPort());
    }
    b.local(localConfiguration(e, client));
    b.origin(FailureOrigin.TLS_FATAL);
    b.failure(cause);
    b.failedAt(Instant.now());
    b.elapsed(Duration.ZERO);
    b.peerBytesSample(sample);
    sink.handshakeFailed(b.build(), cause, requestContexts.current());
  }

  /** The peer's first bytes from Netty's message (its hex dump of what it read), at most {@value #SAMPLE_BYTES}. */
  static byte[] firstBytes(String message) {
    if (message == null) {
      return null;
    }
    int start = message.indexOf(NOT_TLS_MESSAGE);
    if (start < 0) {
      return null;
    }
    start += NOT_TLS_MESSAGE.length();
    int digits = 0;
    while (start + digits < message.length() && Character.digit(message.charAt(start + digits), 16) >= 0) {
      digits++;
    }
    int length = Math.min(digits / 2, SAMPLE_BYTES);
    if (length == 0) {
      return null;
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int at = start + 2 * i;
      out[i] = (byte) (Character.digit(message.charAt(at), 16) << 4 | Character.digit(message.charAt(at + 1), 16));
    }
    return out;
  }

  /** {@code ctx.channel().remoteAddress()}, through the public interfaces Netty's classes implement; null if unreadable. */
  public static InetSocketAddress remoteAddress(Object channelContext) {
    try {
      Object channel = invokePublic(channelContext, "channel");
      Object address = channel == null ? null : invokePublic(channel, "remoteAddress");
      return address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  private static Object invokePublic(Object target, String name) throws ReflectiveOperationException {
    if (target == null) {
      return null;
    }
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name).invoke(target);
        } catch (NoSuchMethodException tryInterfaces) {
          // not on this class; its interfaces below
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          try {
            Method m = i.getMethod(name);
            return m.invoke(target);
          } catch (NoSuchMethodException notHere) {
            // next interface
          }
        }
      }
    }
    return null;
  }

  private static LocalConfiguration localConfiguration(SSLEngine engine, boolean client) {
    LocalConfiguration.Builder c = LocalConfiguration.builder();
    c.enabledProtocols(PublicApiConfiguration.list(engine.getEnabledProtocols()));
    c.enabledCipherSuites(PublicApiConfiguration.list(engine.getEnabledCipherSuites()));
    SSLParameters parameters = engine.getSSLParameters();
    if (parameters != null) {
      PublicApiConfiguration.addParameters(c, parameters);
    }
    c.clientAuth(PublicApiConfiguration.clientAuth(client, engine.getNeedClientAuth(), engine.getWantClientAuth()));
    return c.build();
  }
}
