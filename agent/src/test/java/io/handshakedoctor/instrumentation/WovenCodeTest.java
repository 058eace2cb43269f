package io.handshakedoctor.instrumentation;

import static io.handshakedoctor.instrumentation.HookArgument.THIS;
import static io.handshakedoctor.instrumentation.HookArgument.THROWN;
import static io.handshakedoctor.instrumentation.HookArgument.RETURNED;
import static io.handshakedoctor.instrumentation.HookArgument.TRUE;
import static io.handshakedoctor.instrumentation.HookArgument.field;
import static io.handshakedoctor.instrumentation.HookArgument.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The woven code, run: it calls the hooks with the right values, and whatever the hook call
 * throws (here: the hooks class cannot even be found) never reaches the hooked method, which
 * returns and throws exactly as without the hooks. The woven class is loaded by an application
 * class loader, so the JVM verifies its frames.
 */
class WovenCodeTest {
  private static final String OBJ = "Ljava/lang/Object;";
  private static final String THROWABLE = "Ljava/lang/Throwable;";
  private static final String NAME = FakeJsseClass.class.getName();

  private static final List<HookPoint> POINTS =
      List.of(
          new HookPoint("fatal", MethodPattern.named("fatal").parameters(4))
              .onEnter(
                  new HookCall(
                      "fatalStarted",
                      "(" + OBJ + OBJ + "Ljava/lang/String;Z" + THROWABLE + OBJ + ")V",
                      HookGuard.firstCall("closeReason", "Ljava/lang/Exception;"),
                      THIS, parameter(0), parameter(1), parameter(2), parameter(3),
                      field("handshakeContext", OBJ)))
              .onExit(
                  new HookCall(
                      "fatalThrown", "(" + OBJ + THROWABLE + ")V", HookGuard.AFTER_FIRST_CALL, THIS, THROWN)),
          new HookPoint("chain", MethodPattern.named("chain").parameters(1))
              .onEnter(new HookCall("certificatesChecking", "(" + OBJ + OBJ + "Z)V", THIS, parameter(0), TRUE))
              .onExit(
                  new HookCall(
                      "certificatesChecked", "(" + OBJ + OBJ + THROWABLE + "Z)V", THIS, RETURNED, THROWN, TRUE)),
          new HookPoint("handshake", MethodPattern.named("handshake").parameters(1))
              .onThrow(
                  new HookCall(
                      "handshakeInterrupted",
                      "(" + OBJ + THROWABLE + ")V",
                      HookGuard.thrownIs("java/io/InterruptedIOException"),
                      THIS, THROWN)));

  private final List<String> calls = new ArrayList<>();

  @AfterEach
  void uninstall() {
    HandshakeHooks.install(null);
  }

  @Test
  void theWovenMethodsCallTheHooksWithTheirValues() throws Exception {
    HandshakeHooks.install(recording());
    Class<?> woven = wovenIn(WovenCodeTest.class.getClassLoader());
    Object fake = woven.getDeclaredConstructor().newInstance();

    Throwable first = thrownBy(fake, "fatal", "alert", "bad", false, null);
    Throwable second = thrownBy(fake, "fatal", "alert", "again", true, null);
    assertSame(first, second);
    assertEquals(
        List.of("fatalStarted alert bad false null handshake context", "fatalThrown " + first),
        calls, "only the first fatal call is reported");

    calls.clear();
    Method chain = woven.getMethod("chain", String.class);
    assertEquals("x!", chain.invoke(fake, "x"));
    assertEquals("caught empty", chain.invoke(fake, ""));
    assertEquals(
        List.of("checking x", "checked x! null", "checking ", "checked caught empty null"), calls);

    calls.clear();
    woven.getMethod("handshake", boolean.class).invoke(fake, false);
    Throwable timeout = thrownBy(fake, "handshake", true);
    assertEquals(List.of("interrupted " + timeout), calls);
  }

  @Test
  void aHookCallThatThrowsLeavesTheHookedMethodsAsTheyWere() throws Exception {
    // Defined where HandshakeHooks cannot be found: every woven call throws NoClassDefFoundError.
    Class<?> woven = wovenIn(ClassLoader.getPlatformClassLoader());
    Object fake = woven.getDeclaredConstructor().newInstance();
    FakeJsseClass plain = new FakeJsseClass();

    Throwable thrown = thrownBy(fake, "fatal", "alert", "bad", false, null);
    Throwable expected = thrownBy(plain, "fatal", "alert", "bad", false, null);
    assertEquals(expected.toString(), thrown.toString());
    assertSame(thrown, thrownBy(fake, "fatal", "alert", "again", true, null));

    Method chain = woven.getMethod("chain", String.class);
    for (String in : new String[] {"x", "", null}) {
      assertEquals(plain.chain(in), chain.invoke(fake, in));
    }
    woven.getMethod("handshake", boolean.class).invoke(fake, false);
    assertEquals("java.io.InterruptedIOException: read timed out", thrownBy(fake, "handshake", true).toString());
  }

  private static Class<?> wovenIn(ClassLoader parent) throws Exception {
    byte[] original;
    try (InputStream in = FakeJsseClass.class.getResourceAsStream("FakeJsseClass.class")) {
      original = in.readAllBytes();
    }
    byte[] woven = HookWeaver.weave(original, POINTS);
    assertTrue(woven != null && woven.length > original.length);
    return new ClassLoader(parent) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals(NAME)) {
          return defineClass(name, woven, 0, woven.length);
        }
        throw new ClassNotFoundException(name);
      }

      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(NAME)) {
          synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : findClass(name);
          }
        }
        return super.loadClass(name, resolve);
      }
    }.loadClass(NAME);
  }

  private static Throwable thrownBy(Object target, String method, Object... args) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(method)) {
        try {
          m.invoke(target, args);
        } catch (InvocationTargetException e) {
          return e.getCause();
        }
        throw new AssertionError(method + " returned");
      }
    }
    throw new AssertionError("no " + method);
  }

  private HandshakeListener recording() {
    // The hooks this test asserts on are recorded as text; the others do nothing.
    return (HandshakeListener)
        java.lang.reflect.Proxy.newProxyInstance(
            HandshakeListener.class.getClassLoader(),
            new Class<?>[] {HandshakeListener.class},
            (proxy, method, a) -> {
              switch (method.getName()) {
                case "certificatesChecking":
                  calls.add("checking " + a[1]);
                  break;
                case "certificatesChecked":
                  calls.add("checked " + a[1] + " " + a[2]);
                  break;
                case "fatalStarted":
                  calls.add("fatalStarted " + a[1] + " " + a[2] + " " + a[3] + " " + a[4] + " " + a[5]);
                  break;
                case "fatalThrown":
                  calls.add("fatalThrown " + a[1]);
                  break;
                case "handshakeInterrupted":
                  calls.add("interrupted " + a[1]);
                  break;
                case "internalError":
                  calls.add("internal error " + a[0] + " " + a[1]);
                  break;
                default:
                  break;
              }
              return null;
            });
  }
}
