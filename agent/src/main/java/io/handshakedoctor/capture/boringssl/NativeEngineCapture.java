package io.handshakedoctor.capture.boringssl;

import io.handshakedoctor.capture.TrustCheck;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What one native engine's handshake has shown so far: the raw record bytes it wrote and read
 * (copied, bounded), and the trust manager's verdict. BoringSSL parses the handshake itself, so
 * the hellos (and, before TLS 1.3 encryption starts, the rest) are only visible as these bytes;
 * they are parsed at failure time only.
 *
 * <p>A native engine's wrap and unwrap are synchronized on the engine, but a trust callback may
 * run on a delegated task's thread: every access is synchronized.
 */
final class NativeEngineCapture {
  private static final int MAX_BUFFERS = 16;

  final Object engine;
  final long startNanos = System.nanoTime();
  /** The request's context on the thread that created the engine, or null. */
  final Object requestContext;
  /** The context of the Netty handler over the engine, once it joined its channel; else null. */
  volatile Object channelContext;
  private final int byteBudget;

  private byte[] outbound = new byte[1024];
  private int outboundLength;
  private byte[] inbound = new byte[2048];
  private int inboundLength;

  private int wrapStart = -1;
  private final int[] unwrapStarts = new int[MAX_BUFFERS];
  private int unwrapBuffers = -1;
  private ByteBuffer[] unwrapSources;
  private int unwrapOffset;

  /** The server's acceptable issuers (DER names) when it asked this client for a certificate. */
  private Object requestedIssuers;
  private boolean certificateRequested;
  /** When the handshake finished while a refusal of this client's certificate may still come; 0 before. */
  private long finishedNanos;

  /** The trust manager's verdict once it answered; null before. */
  private TrustCheck trust;

  NativeEngineCapture(Object engine, int byteBudget, Object requestContext) {
    this.engine = engine;
    this.requestContext = requestContext;
    this.byteBudget = byteBudget;
  }

  synchronized void wrapStarts(ByteBuffer destination) {
    // After the handshake only its outcome is awaited: application data is not copied.
    wrapStart = destination == null || finishedNanos != 0 ? -1 : destination.position();
  }

  /** Copies what the wrap just wrote: {@code destination[start, position)}. */
  synchronized void wrapEnds(ByteBuffer destination) {
    int start = wrapStart;
    wrapStart = -1;
    if (destination == null || start < 0 || destination.position() <= start) {
      return;
    }
    int length = destination.position() - start;
    int room = byteBudget - outboundLength;
    if (room <= 0) {
      return;
    }
    length = Math.min(length, room);
    outbound = ensure(outbound, outboundLength + length);
    copy(destination, start, outbound, outboundLength, length);
    outboundLength += length;
  }

  synchronized void unwrapStarts(ByteBuffer[] sources, int offset, int length) {
    if (sources == null || offset < 0 || length < 0 || offset + length > sources.length || finishedNanos != 0) {
      unwrapBuffers = -1;
      return;
    }
    int n = Math.min(length, MAX_BUFFERS);
    for (int i = 0; i < n; i++) {
      ByteBuffer b = sources[offset + i];
      unwrapStarts[i] = b == null ? -1 : b.position();
    }
    unwrapSources = sources;
    unwrapOffset = offset;
    unwrapBuffers = n;
  }

  /**
   * Copies what the unwrap consumed: each source's bytes between its old and new position. The
   * sources are the ones seen at entry: the engine advances its offset parameter as it goes.
   */
  synchronized void unwrapEnds() {
    int n = unwrapBuffers;
    ByteBuffer[] sources = unwrapSources;
    unwrapBuffers = -1;
    unwrapSources = null;
    if (n < 0 || sources == null) {
      return;
    }
    for (int i = 0; i < n; i++) {
      ByteBuffer b = sources[unwrapOffset + i];
      int start = unwrapStarts[i];
      if (b == null || start < 0 || b.position() <= start) {
        continue;
      }
      int room = byteBudget - inboundLength;
      if (room <= 0) {
        return;
      }
      int count = Math.min(b.position() - start, room);
      inbound = ensure(inbound, inboundLength + count);
      copy(b, start, inbound, inboundLength, count);
      inboundLength += count;
    }
  }

  synchronized void certificateRequested(Object issuers) {
    this.certificateRequested = true;
    this.requestedIssuers = issuers;
  }

  synchronized boolean certificateRequested() {
    return certificateRequested;
  }

  synchronized Object requestedIssuers() {
    return requestedIssuers;
  }

  synchronized void finished(long nanos) {
    finishedNanos = nanos;
  }

  /** 0 while the handshake runs. */
  synchronized long finishedNanos() {
    return finishedNanos;
  }

  synchronized void trustChecked(Object chain, Throwable thrown, boolean peerIsServer) {
    this.trust = new TrustCheck(chain, thrown, peerIsServer);
  }

  synchronized byte[] outboundBytes() {
    return Arrays.copyOf(outbound, outboundLength);
  }

  synchronized byte[] inboundBytes() {
    return Arrays.copyOf(inbound, inboundLength);
  }

  synchronized boolean receivedAnything() {
    return inboundLength > 0;
  }

  /** Null while the trust manager has not answered. */
  synchronized TrustCheck trust() {
    return trust;
  }

  private static byte[] ensure(byte[] array, int needed) {
    return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
  }

  /** An absolute bulk read: the buffer's position and limit stay as the host left them. */
  private static void copy(ByteBuffer from, int start, byte[] to, int at, int length) {
    ByteBuffer view = from.duplicate();
    view.position(start);
    view.get(to, at, length);
  }
}
