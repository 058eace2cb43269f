package io.handshakedoctor.capture;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

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
 */
public final class RequestContexts {
  private static final int MAX_ENTRIES = 10_000;

  private final RequestContextSource source;
  private final Map<Object, Object> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

  public RequestContexts(RequestContextSource source) {
    this.source = source == null ? RequestContextSource.NONE : source;
  }

  /** The context current on this thread, or null. */
  public Object current() {
    return source.current();
  }

  /** An engine was created on this thread: keep its context for the handshake that runs later. */
  void connectionCreated(Object connection) {
    if (connection == null || byConnection.size() >= MAX_ENTRIES) {
      return;
    }
    Object context = source.current();
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

  /** Connections whose context is kept (for tests). */
  int size() {
    return byConnection.size();
  }
}
