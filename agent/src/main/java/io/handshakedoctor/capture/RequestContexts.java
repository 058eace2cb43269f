package io.handshakedoctor.capture;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capture's slot for the request each connection serves (docs/opentelemetry.md): the context
 * current on the thread that created an engine, kept until its handshake ends, because an
 * asynchronous client (java.net.http, Netty, gRPC) handshakes later on threads that no longer
 * carry it; otherwise the context of the thread the handshake failed on (a blocking socket runs
 * it on the request's thread). What is found travels with the evidence to the outputs.
 *
 * <p>JSSE engines are kept here, weakly keyed by their transport context (identity: JSSE does
 * not override equals) until their capture starts; a native engine's capture exists from its
 * creation and keeps the context itself. Nothing is kept while the source has none to give.
 *
 * <p>gRPC makes even the engine on its event loop, outside any call's context: the context is
 * taken where the call starts the connection (its TLS negotiator is made), kept weakly keyed by
 * that negotiator (identity), and handed to whatever engine the negotiator then makes on the
 * event loop, as that thread's context while it makes it. An entry leaves when the engine is
 * made, or with its negotiator (a connection that never got to TLS).
 */
public final class RequestContexts {
  private static final int MAX_ENTRIES = 10_000;

  private final RequestContextSource source;
  private final Map<Object, Object> byConnection = Collections.synchronizedMap(new WeakHashMap<>());
  /** Connections started for a call whose engine is not made yet, by their negotiator. */
  private final Map<Object, Object> byTransport = Collections.synchronizedMap(new WeakHashMap<>());
  /** The context of the connection whose engine this thread is making now, if any. */
  private final ThreadLocal<Object> makingEngineFor = new ThreadLocal<>();
  /** Threads making an engine for a kept connection right now: none, and no thread-local is read. */
  private final AtomicInteger makingEngines = new AtomicInteger();

  public RequestContexts(RequestContextSource source) {
    this.source = source == null ? RequestContextSource.NONE : source;
  }

  /**
   * The context current on this thread, or null: while this thread makes the engine of a connection
   * started for a call ({@link #transportEngineCreating}), that call's.
   */
  public Object current() {
    if (makingEngines.get() > 0) {
      Object started = makingEngineFor.get();
      if (started != null) {
        return started;
      }
    }
    return source.current();
  }

  /** An engine was created on this thread: keep its context for the handshake that runs later. */
  void connectionCreated(Object connection) {
    if (connection == null || byConnection.size() >= MAX_ENTRIES) {
      return;
    }
    Object context = current();
    if (context != null) {
      byConnection.put(connection, context);
    }
  }

  /** The connection failed on this thread: the context it was created in, else this thread's. */
  Object claim(Object connection) {
    Object kept = connection == null || byConnection.isEmpty() ? null : byConnection.remove(connection);
    return kept != null ? kept : source.current();
  }

  /** The connection's handshake ended well: nothing to attach a failure to any more. */
  void forget(Object connection) {
    if (connection != null && !byConnection.isEmpty()) {
      byConnection.remove(connection);
    }
  }

  /** A connection is being started for a call on this thread: keep the call's context for its engine. */
  void transportStarting(Object negotiator) {
    if (negotiator == null || byTransport.size() >= MAX_ENTRIES) {
      return;
    }
    Object context = source.current();
    if (context != null) {
      byTransport.put(negotiator, context);
    }
  }

  /** The connection's engine is being made on this thread: it is made in the call's context. */
  void transportEngineCreating(Object negotiator) {
    if (negotiator == null || byTransport.isEmpty()) {
      return;
    }
    Object context = byTransport.remove(negotiator);
    if (context != null && makingEngineFor.get() == null) {
      makingEngineFor.set(context);
      makingEngines.incrementAndGet();
    }
  }

  /** The connection's engine is made (or failed to be): this thread's own context again. */
  void transportEngineCreated(Object negotiator) {
    if (makingEngines.get() > 0 && makingEngineFor.get() != null) {
      makingEngineFor.remove();
      makingEngines.decrementAndGet();
    }
  }

  /** Connections started for a call whose engine is not made yet (for tests). */
  int startedTransports() {
    return byTransport.size();
  }

  /** Connections whose context is kept (for tests). */
  int size() {
    return byConnection.size();
  }
}
