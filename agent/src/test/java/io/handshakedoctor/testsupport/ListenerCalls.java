package io.handshakedoctor.testsupport;

import io.handshakedoctor.bootstrap.HandshakeListener;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;

/** A listener that records each hook call (method, arguments), and arguments to call hooks with. */
public final class ListenerCalls {
  private ListenerCalls() {}

  /** Each call as {method, arguments}. */
  public static HandshakeListener recording(List<Object[]> calls) {
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
  public static Object[] sampleArguments(Class<?>[] types) {
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
