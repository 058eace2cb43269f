package io.handshakedoctor.reliability;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reads the agent's counters from inside a forked host: the fault counter on the boot loader's
 * hook class, and the in-flight captures and bytes held through the installed listener.
 */
final class AgentProbe {
  private AgentProbe() {}

  static void print() {
    try {
      Class<?> hooks = Class.forName("io.handshakedoctor.bootstrap.HandshakeHooks", false, null);
      System.out.println("agent.internal.errors=" + hooks.getMethod("internalErrors").invoke(null));
      Object listener = listener(hooks);
      System.out.println("agent.inflight=" + call(listener, "inFlight"));
      System.out.println("agent.held.bytes=" + call(listener, "heldBytes"));
      System.out.println("agent.max.held.bytes=" + call(listener, "maxHeldBytesPerConnection"));
    } catch (ClassNotFoundException noAgent) {
      System.out.println("agent=absent");
    } catch (Exception e) {
      System.out.println("agent.probe.failed=" + e);
    }
  }

  static Object listener(Class<?> hooks) throws Exception {
    Field f = hooks.getDeclaredField("listener");
    f.setAccessible(true);
    return f.get(null);
  }

  /** Calls {@code method} on the capturing listener, looking through decorating listeners. */
  static long call(Object listener, String method) throws Exception {
    Object target = listener;
    for (int depth = 0; depth < 4; depth++) {
      try {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return ((Number) m.invoke(target)).longValue();
      } catch (NoSuchMethodException e) {
        Field delegate = target.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        target = delegate.get(target);
      }
    }
    throw new NoSuchMethodException(method);
  }
}
