package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A hook reaches the capture whichever decorators sit in front of it: the bootstrap entry point
 * calls the listener method of its name, and every decorator passes each hook it does not change
 * on, with the same arguments.
 */
class ForwardingListenerTest {

  @Test
  void theForwardingBasePassesEveryHookOnWithItsArguments() throws Exception {
    assertEveryHookForwarded(ForwardingListener::new);
  }

  @Test
  void theFaultInjectorPassesEveryHookOnWhenNoFaultIsAsked() throws Exception {
    assertEveryHookForwarded(FaultInjectingListener::new);
  }

  @Test
  void everyBootstrapEntryPointCallsTheListenerMethodOfItsName() throws Exception {
    List<Object[]> calls = new ArrayList<>();
    HandshakeHooks.install(recording(calls));
    try {
      int entryPoints = 0;
      for (Method hook : HandshakeHooks.class.getDeclaredMethods()) {
        Method listenerMethod = listenerMethod(hook);
        if (!Modifier.isPublic(hook.getModifiers()) || listenerMethod == null) {
          continue;
        }
        entryPoints++;
        Object[] args = sampleArguments(hook.getParameterTypes());
        calls.clear();
        hook.invoke(null, args);
        assertEquals(1, calls.size(), hook.getName());
        assertEquals(listenerMethod, calls.get(0)[0], hook.getName());
        assertArrayEquals(args, (Object[]) calls.get(0)[1], hook.getName());
      }
      assertEquals(HandshakeListener.class.getMethods().length - 1, entryPoints, "every hook but internalError has an entry point");
    } finally {
      HandshakeHooks.install(null);
    }
  }

  private static void assertEveryHookForwarded(Function<HandshakeListener, HandshakeListener> decorate)
      throws Exception {
    List<Object[]> calls = new ArrayList<>();
    HandshakeListener decorator = decorate.apply(recording(calls));
    for (Method m : HandshakeListener.class.getMethods()) {
      Object[] args = sampleArguments(m.getParameterTypes());
      calls.clear();
      m.invoke(decorator, args);
      assertEquals(1, calls.size(), m.getName() + " reached the delegate once");
      assertEquals(m, calls.get(0)[0], m.getName());
      assertArrayEquals(args, (Object[]) calls.get(0)[1], m.getName());
    }
  }

  private static Method listenerMethod(Method hook) {
    try {
      return HandshakeListener.class.getMethod(hook.getName(), hook.getParameterTypes());
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static HandshakeListener recording(List<Object[]> calls) {
    return (HandshakeListener)
        Proxy.newProxyInstance(
            HandshakeListener.class.getClassLoader(),
            new Class<?>[] {HandshakeListener.class},
            (proxy, method, args) -> {
              calls.add(new Object[] {method, args == null ? new Object[0] : args});
              return null;
            });
  }

  /** One distinct value per parameter, so a swapped or dropped argument shows. */
  private static Object[] sampleArguments(Class<?>[] types) {
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == boolean.class) {
        args[i] = i % 2 == 0;
      } else if (t == byte.class) {
        args[i] = (byte) (i + 1);
      } else if (t == short.class) {
        args[i] = (short) (i + 1);
      } else if (t == int.class) {
        args[i] = i + 1;
      } else if (t == String.class) {
        args[i] = "argument " + i;
      } else if (t == String[].class) {
        args[i] = new String[] {"argument " + i};
      } else if (t == byte[].class) {
        args[i] = new byte[] {(byte) i};
      } else if (t == ByteBuffer.class) {
        args[i] = ByteBuffer.allocate(i + 1);
      } else if (t == ByteBuffer[].class) {
        args[i] = new ByteBuffer[] {ByteBuffer.allocate(i + 1)};
      } else if (t == Throwable.class) {
        args[i] = new RuntimeException("argument " + i);
      } else {
        args[i] = "object " + i;
      }
    }
    return args;
  }
}
