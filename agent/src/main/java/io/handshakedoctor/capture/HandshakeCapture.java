package io.handshakedoctor.capture;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evidence of one connection's handshake while it runs: the handshake messages each direction
 * carried (copied, bounded), the trust and key decisions, and the JSSE objects to read the
 * configuration from if the handshake fails. Released when the handshake ends.
 *
 * <p>Allocation-free once warm: the messages are copied into one byte arena (grown only when a
 * handshake needs more than any before it) and indexed by offset; a capture whose handshake
 * succeeded is {@link #recycle() recycled} by the registry for the next handshake. Objects
 * ({@link CapturedMessage}, arrays) are made only by {@link #snapshot()}, when a handshake fails.
 *
 * <p>Written by whichever thread drives the handshake (SSLEngine delegated tasks included), so
 * every mutation is synchronized; nothing here parses or formats. The add methods take the key
 * the hook found the capture by and ignore the call when the capture no longer belongs to it (a
 * late hook on a connection whose capture has since been recycled for another).
 */
public final class HandshakeCapture {
  static final int INITIAL_ARENA_BYTES = 4096;
  private static final int INITIAL_MESSAGES = 16;
  static final int PEER_SAMPLE_MAX = 64;

  private final int byteBudget;
  private Object transportContext;
  private long startNanos;

  private Object handshakeContext;
  private Object handshakeOutput;

  private byte[] arena = new byte[INITIAL_ARENA_BYTES];
  private int[] messageStart = new int[INITIAL_MESSAGES];
  private int[] messageLength = new int[INITIAL_MESSAGES];
  private boolean[] messageOutbound = new boolean[INITIAL_MESSAGES];
  private int messageCount;
  private int bytesKept;
  private boolean bytesDropped;
  /** Enough for a change_cipher_spec record and a plaintext alert record behind it. */
  private static final int LAST_RECORDS_MAX = 16;
  private final byte[] peerSample = new byte[PEER_SAMPLE_MAX];
  private int peerSampleLength = -1;
  /** The buffer of the latest unwrap and where its records started: a reference, read only at failure time. */
  private ByteBuffer lastPeerSource;
  private int lastPeerSourcePosition;

  private Object trustedChain;
  private Throwable trustFailure;
  private boolean trustChecked;
  private boolean peerIsServer;
  private boolean trustPending;

  private boolean clientCredentialsAsked;
  private String[] clientKeyTypes;
  private Object clientPossession;

  private FatalCall fatal;
  private long retiredAtNanos;

  HandshakeCapture(Object transportContext, int byteBudget) {
    this.transportContext = transportContext;
    this.byteBudget = byteBudget;
    this.startNanos = System.nanoTime();
  }

  /** Makes a recycled capture the capture of a new connection. */
  synchronized void reuse(Object newTransportContext) {
    transportContext = newTransportContext;
    startNanos = System.nanoTime();
  }

  /**
   * Forgets everything of the handshake that ended (JSSE objects, copied bytes), so a pooled
   * capture holds nothing of it; returns false when the arena grew too big to be worth keeping.
   */
  synchronized boolean recycle(int maxPooledArena) {
    Arrays.fill(arena, 0, bytesKept, (byte) 0);
    Arrays.fill(peerSample, (byte) 0);
    transportContext = null;
    handshakeContext = null;
    handshakeOutput = null;
    messageCount = 0;
    bytesKept = 0;
    bytesDropped = false;
    peerSampleLength = -1;
    lastPeerSource = null;
    trustedChain = null;
    trustFailure = null;
    trustChecked = false;
    peerIsServer = false;
    trustPending = false;
    clientCredentialsAsked = false;
    clientKeyTypes = null;
    clientPossession = null;
    fatal = null;
    retiredAtNanos = 0;
    return arena.length <= maxPooledArena;
  }

  synchronized Object transportContext() {
    return transportContext;
  }

  synchronized long startNanos() {
    return startNanos;
  }

  synchronized void attach(Object newHandshakeContext, Object newHandshakeOutput) {
    handshakeContext = newHandshakeContext;
    handshakeOutput = newHandshakeOutput;
  }

  synchronized Object handshakeContext() {
    return handshakeContext;
  }

  synchronized Object handshakeOutput() {
    return handshakeOutput;
  }

  /** One outbound message, {@code buf[0, count)}, seen through {@code output}. */
  synchronized void addOutbound(Object output, byte[] buf, int count) {
    if (output != handshakeOutput || !reserve(count)) {
      return;
    }
    System.arraycopy(buf, 0, arena, bytesKept, count);
    addMessage(true, count);
  }

  /** One inbound message body, seen through {@code context}; the buffer's position is kept. */
  synchronized void addInbound(Object context, byte type, ByteBuffer body) {
    if (context != handshakeContext) {
      return;
    }
    int length = body.remaining();
    if (!reserve(length + 4)) {
      return;
    }
    int at = bytesKept;
    arena[at] = type;
    arena[at + 1] = (byte) (length >>> 16);
    arena[at + 2] = (byte) (length >>> 8);
    arena[at + 3] = (byte) length;
    int from = body.position();
    if (body.hasArray()) {
      System.arraycopy(body.array(), body.arrayOffset() + from, arena, at + 4, length);
    } else {
      for (int i = 0; i < length; i++) {
        arena[at + 4 + i] = body.get(from + i);
      }
    }
    addMessage(false, length + 4);
  }

  /** Makes room for {@code count} more bytes within the budget; false (and dropped) if none. */
  private boolean reserve(int count) {
    if (count < 0 || bytesKept + count > byteBudget) {
      bytesDropped = true;
      return false;
    }
    int needed = bytesKept + count;
    if (needed > arena.length) {
      int size = arena.length;
      while (size < needed) {
        size *= 2;
      }
      arena = Arrays.copyOf(arena, Math.min(size, Math.max(byteBudget, needed)));
    }
    return true;
  }

  private void addMessage(boolean outbound, int length) {
    if (messageCount == messageStart.length) {
      int n = messageCount * 2;
      messageStart = Arrays.copyOf(messageStart, n);
      messageLength = Arrays.copyOf(messageLength, n);
      messageOutbound = Arrays.copyOf(messageOutbound, n);
    }
    messageStart[messageCount] = bytesKept;
    messageLength[messageCount] = length;
    messageOutbound[messageCount] = outbound;
    messageCount++;
    bytesKept += length;
  }

  /** Keeps the first bytes the peer sent on {@code connection}, once, to tell a non-TLS peer apart. */
  synchronized void samplePeerBytes(
      Object connection, ByteBuffer[] sources, int offset, int length, int max) {
    if (sources == null || connection != transportContext) {
      return;
    }
    for (int i = offset; i < offset + length && i < sources.length; i++) {
      ByteBuffer src = sources[i];
      if (src != null && src.hasRemaining()) {
        lastPeerSource = src; // no copy: the failing record is read from it at failure time
        lastPeerSourcePosition = src.position();
        if (peerSampleLength >= 0) {
          return;
        }
        int n = Math.min(Math.min(max, PEER_SAMPLE_MAX), src.remaining());
        int from = src.position();
        for (int j = 0; j < n; j++) {
          peerSample[j] = src.get(from + j);
        }
        peerSampleLength = n;
        return;
      }
    }
  }

  /** The first bytes of the latest unwrap's input, where the record the engine failed on starts; null when none. */
  private byte[] lastPeerRecords() {
    if (lastPeerSource == null) {
      return null;
    }
    int n = Math.min(LAST_RECORDS_MAX, lastPeerSource.limit() - lastPeerSourcePosition);
    if (n <= 0) {
      return null;
    }
    byte[] out = new byte[n];
    for (int j = 0; j < n; j++) {
      out[j] = lastPeerSource.get(lastPeerSourcePosition + j);
    }
    return out;
  }

  synchronized void trustCheckStarted(Object chain, boolean peerIsServer) {
    this.trustChecked = true;
    this.trustedChain = chain;
    this.trustFailure = null;
    this.trustPending = true;
    this.peerIsServer = peerIsServer;
  }

  synchronized void trustChecked(Object chain, Throwable failure, boolean peerIsServer) {
    this.trustChecked = true;
    if (chain != null) {
      this.trustedChain = chain;
    }
    this.trustFailure = failure;
    this.trustPending = false;
    this.peerIsServer = peerIsServer;
  }

  /** Keeps JSSE's array as it is (copied only by {@link #snapshot()}). */
  synchronized void clientCredentialsChosen(String[] keyTypes, Object possession) {
    this.clientCredentialsAsked = true;
    this.clientKeyTypes = keyTypes;
    this.clientPossession = possession;
  }

  /** Whether the peer sent any handshake message or raw bytes that were seen. */
  synchronized boolean receivedAnything() {
    if (peerSampleLength >= 0) {
      return true;
    }
    for (int i = 0; i < messageCount; i++) {
      if (!messageOutbound[i]) {
        return true;
      }
    }
    return false;
  }

  synchronized void retiredAt(long nanos) {
    retiredAtNanos = nanos;
  }

  synchronized long retiredAt() {
    return retiredAtNanos;
  }

  /** This client was asked for a certificate, so the server may still reject it after finishing. */
  synchronized boolean awaitsServerVerdict() {
    return clientCredentialsAsked;
  }

  synchronized void fatal(FatalCall call) {
    if (fatal == null) {
      fatal = call;
    }
  }

  /**
   * A copy of the body (after the 4-byte header) of the first message of {@code type} this side
   * sent ({@code outbound}) or received; null when none was kept. For the once-per-peer record.
   */
  synchronized byte[] messageBody(int type, boolean outbound) {
    for (int i = 0; i < messageCount; i++) {
      int start = messageStart[i];
      if (messageOutbound[i] == outbound && messageLength[i] >= 4 && (arena[start] & 0xff) == type) {
        return Arrays.copyOfRange(arena, start + 4, start + messageLength[i]);
      }
    }
    return null;
  }

  /** Bytes of handshake messages currently held (for tests). */
  synchronized int bytesKept() {
    return bytesKept + Math.max(peerSampleLength, 0);
  }

  /** An immutable view for the evidence assembler, taken once the handshake has failed. */
  synchronized CaptureSnapshot snapshot() {
    List<CapturedMessage> messages = new ArrayList<>(messageCount);
    for (int i = 0; i < messageCount; i++) {
      int start = messageStart[i];
      messages.add(
          new CapturedMessage(
              messageOutbound[i], Arrays.copyOfRange(arena, start, start + messageLength[i])));
    }
    return new CaptureSnapshot(
        transportContext,
        handshakeContext,
        messages,
        bytesDropped,
        peerSampleLength < 0 ? null : Arrays.copyOf(peerSample, peerSampleLength),
        lastPeerRecords(),
        trustChecked,
        trustedChain,
        trustFailure,
        trustPending,
        peerIsServer,
        clientCredentialsAsked,
        clientKeyTypes == null ? null : clientKeyTypes.clone(),
        clientPossession,
        fatal,
        startNanos);
  }
}
