package io.handshakedoctor;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.capture.InjectedFaults;
import io.handshakedoctor.instrumentation.TcnativeHookPoints;
import io.handshakedoctor.instrumentation.TcnativeTransformer;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;

/**
 * Starts weaving netty-tcnative's and BouncyCastle JSSE's classes ({@link TcnativeTransformer}) when
 * the first engine or context of a provider outside the JDK is constructed, not at start-up: their
 * transformer must stay registered (those classes load late, in any class loader), and a
 * registered transformer makes the JVM copy every class it loads afterwards into a byte array
 * and call it, about 4 MB of heap and a call per class for the first TLS use of a program that
 * never sees either engine. Neither engine can handshake before one of its engines or contexts
 * exists, and the classes already loaded by then are retransformed.
 */
final class ForeignEngines implements Consumer<Object> {
  private final Instrumentation inst;
  private final InternalErrors errors;
  private boolean installed; // guarded by this

  private ForeignEngines(Instrumentation inst, InternalErrors errors) {
    this.inst = inst;
    this.errors = errors;
  }

  /** Waits for the first foreign engine or context (the JSSE hooks call {@link #accept}). */
  static void weaveWhenSeen(Instrumentation inst, InternalErrors errors) {
    HandshakeHooks.onForeignTls(new ForeignEngines(inst, errors));
  }

  @Override
  public void accept(Object candidate) {
    synchronized (this) {
      if (installed) {
        return;
      }
      installed = true;
    }
    HandshakeHooks.onForeignTls(null);
    try {
      InjectedFaults.maybeFail("foreignTls"); // test only
      TcnativeTransformer.install(inst, errors::internalError);
    } catch (Throwable t) {
      errors.internalError("weaving netty-tcnative and BouncyCastle JSSE", t);
      return;
    }
    if (TcnativeHookPoints.isEngine(candidate)) {
      // This engine's constructor ran from the bytes before weaving: it gets the event its woven
      // constructor would have sent (its fields are not read before its first wrap or unwrap).
      HandshakeHooks.nativeEngineCreated(candidate);
    }
  }
}
