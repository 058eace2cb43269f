package io.handshakedoctor.emit.otel;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The trace context each SSLEngine was created in, kept only while the OpenTelemetry Java agent
 * is attached and only when that context holds a span; weakly keyed by the engine's transport
 * context (identity: JSSE does not override equals) and dropped when its handshake ends. Values
 * are OpenTelemetry {@code Context}s, held as {@code Object} so this class loads no OpenTelemetry
 * class while no agent is attached.
 */
final class ConnectionContexts {
  private static final int MAX_ENTRIES = 10_000;
  private static final Object NONE = new Object();

  private final Map<Object, Object> byTransport = Collections.synchronizedMap(new WeakHashMap<>());
  private final ThreadLocal<Object> failing = new ThreadLocal<>();
  /** Decided at the first engine: null undecided; then whether the OpenTelemetry agent is attached. */
  private volatile Boolean capturing;
  private volatile java.lang.reflect.Field conContext;

  void engineCreated(Object transportContext) {
    Boolean on = capturing;
    if (on == null) {
      on = OtelEnvironment.javaAgentPresent();
      capturing = on;
    }
    if (!on || transportContext == null || byTransport.size() >= MAX_ENTRIES) {
      return;
    }
    Object context = TraceContexts.currentIfSpan();
    if (context != null) {
      byTransport.put(transportContext, context);
    }
  }

  Object enterFailure(Object transportContext) {
    Object previous = failing.get();
    failing.set(transportContext == null ? NONE : transportContext);
    return previous;
  }

  void exitFailure(Object transportContext, Object previous) {
    if (previous == null) {
      failing.remove();
    } else {
      failing.set(previous);
    }
    forget(transportContext);
  }

  void forget(Object transportContext) {
    if (transportContext != null && !byTransport.isEmpty()) {
      byTransport.remove(transportContext);
    }
  }

  /** Forgets a native engine's context once a wrap or unwrap reports its handshake finished. */
  void forgetIfFinished(Object engine, Object result) {
    if (!byTransport.isEmpty()
        && result instanceof javax.net.ssl.SSLEngineResult
        && ((javax.net.ssl.SSLEngineResult) result).getHandshakeStatus()
            == javax.net.ssl.SSLEngineResult.HandshakeStatus.FINISHED) {
      byTransport.remove(engine);
    }
  }

  /** The context captured for the connection failing on this thread, or null. */
  Object capturedForFailingConnection() {
    Object transport = failing.get();
    return transport == null || transport == NONE ? null : byTransport.get(transport);
  }

  /** The engine's transport context (the key), read only when a failure has a captured context. */
  Object transportContextOf(Object engine) {
    if (engine == null || byTransport.isEmpty()) {
      return null;
    }
    try {
      java.lang.reflect.Field f = conContext;
      if (f == null || f.getDeclaringClass() != engine.getClass()) {
        f = engine.getClass().getDeclaredField("conContext");
        f.setAccessible(true);
        conContext = f;
      }
      return f.get(engine);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  int size() {
    return byTransport.size();
  }
}
