package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.testsupport.ListenerCalls;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md's "How to add a hook" as the code has it: a hook is one line of plumbing in each
 * of four files (its hook point table, {@code HandshakeHooks}, {@code HandshakeListener}, {@link
 * CapturingListener}), and no other production class stands between the hooks and the capture.
 */
class AddAHookRecipeTest {
  private static final Path MAIN = Paths.get("src/main/java/io/handshakedoctor");

  @Test
  void everyBootstrapEntryPointCallsTheListenerMethodOfItsName() throws Exception {
    List<Object[]> calls = new ArrayList<>();
    HandshakeHooks.install(ListenerCalls.recording(calls));
    try {
      int entryPoints = 0;
      for (Method hook : HandshakeHooks.class.getDeclaredMethods()) {
        Method listenerMethod = listenerMethod(hook);
        if (!Modifier.isPublic(hook.getModifiers()) || listenerMethod == null) {
          continue;
        }
        entryPoints++;
        Object[] args = ListenerCalls.sampleArguments(hook.getParameterTypes());
        calls.clear();
        hook.invoke(null, args);
        assertEquals(1, calls.size(), hook.getName());
        assertEquals(listenerMethod, calls.get(0)[0], hook.getName());
        assertArrayEquals(args, (Object[]) calls.get(0)[1], hook.getName());
      }
      assertEquals(hooks().size(), entryPoints, "every hook has an entry point");
    } finally {
      HandshakeHooks.install(null);
    }
  }

  @Test
  void everyHookIsWovenFromAHookPointTableAndTakenByTheCapture() throws Exception {
    String instrumentation = instrumentationSources();
    for (Method hook : hooks()) {
      assertTrue(instrumentation.contains("\"" + hook.getName() + "\""), hook.getName() + " is called from no hook point");
      Method captured = CapturingListener.class.getMethod(hook.getName(), hook.getParameterTypes());
      assertEquals(CapturingListener.class, captured.getDeclaringClass(), hook.getName());
    }
  }

  @Test
  void theCaptureIsTheOnlyListenerInProduction() throws IOException {
    Set<String> listeners;
    try (Stream<Path> files = Files.walk(MAIN)) {
      listeners =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> read(f).matches("(?s).*(implements HandshakeListener|extends CapturingListener)\\b.*"))
              .map(f -> f.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(Set.of("CapturingListener.java"), listeners, "a listener between the hooks and the capture is a fifth file per hook");
  }

  /** Every listener method but {@code internalError}, which the hooks call themselves. */
  private static List<Method> hooks() {
    return Stream.of(HandshakeListener.class.getMethods())
        .filter(m -> !m.getName().equals("internalError"))
        .collect(Collectors.toList());
  }

  /** The hook point tables, and the calls several of them share ({@code HookCall}). */
  private static String instrumentationSources() throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve("instrumentation"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".java"))
          .map(AddAHookRecipeTest::read)
          .collect(Collectors.joining("\n"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Method listenerMethod(Method hook) {
    try {
      return HandshakeListener.class.getMethod(hook.getName(), hook.getParameterTypes());
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
