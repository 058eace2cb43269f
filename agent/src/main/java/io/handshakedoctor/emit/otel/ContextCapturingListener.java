package io.handshakedoctor.emit.otel;

import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.ForwardingListener;
import java.nio.ByteBuffer;

/**
 * Wraps the agent's listener for the OpenTelemetry output: remembers the trace context an
 * SSLEngine was created in (asynchronous clients handshake on threads that no longer carry it),
 * and tells the output which connection is failing while the failure is being reported, on the
 * failing thread. Everything else passes straight through.
 */
public final class ContextCapturingListener extends ForwardingListener {
  private final ConnectionContexts contexts;

  ContextCapturingListener(HandshakeListener delegate, ConnectionContexts contexts) {
    super(delegate);
    this.contexts = contexts;
  }

  @Override
  public void engineCreated(Object engine, Object transportContext) {
    super.engineCreated(engine, transportContext);
    contexts.engineCreated(transportContext);
  }

  @Override
  public void fatalThrown(Object transportContext, Throwable thrown) {
    Object previous = contexts.enterFailure(transportContext);
    try {
      super.fatalThrown(transportContext, thrown);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeInterrupted(Object transportContext, Throwable thrown) {
    Object previous = contexts.enterFailure(transportContext);
    try {
      super.handshakeInterrupted(transportContext, thrown);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeAbandoned(Object engine, Throwable reported, Throwable cause) {
    Object transportContext = contexts.transportContextOf(engine);
    Object previous = contexts.enterFailure(transportContext);
    try {
      super.handshakeAbandoned(engine, reported, cause);
    } finally {
      contexts.exitFailure(transportContext, previous);
    }
  }

  @Override
  public void handshakeFinished(Object transportContext) {
    super.handshakeFinished(transportContext);
    contexts.forget(transportContext);
  }

  @Override
  public void nativeEngineCreated(Object engine) {
    super.nativeEngineCreated(engine);
    contexts.engineCreated(engine); // a native engine is its own connection key
  }

  @Override
  public void nativeEngineWrapped(Object engine, ByteBuffer destination, Object result, Throwable thrown) {
    if (thrown == null) {
      super.nativeEngineWrapped(engine, destination, result, thrown);
      contexts.forgetIfFinished(engine, result);
      return;
    }
    Object previous = contexts.enterFailure(engine);
    try {
      super.nativeEngineWrapped(engine, destination, result, thrown);
    } finally {
      contexts.exitFailure(engine, previous);
    }
  }

  @Override
  public void nativeEngineUnwrapped(
      Object engine, ByteBuffer[] sources, int offset, int length, Object result, Throwable thrown) {
    if (thrown == null) {
      super.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
      contexts.forgetIfFinished(engine, result);
      return;
    }
    Object previous = contexts.enterFailure(engine);
    try {
      super.nativeEngineUnwrapped(engine, sources, offset, length, result, thrown);
    } finally {
      contexts.exitFailure(engine, previous);
    }
  }
}
