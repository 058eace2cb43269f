package io.handshakedoctor.faultinjection;

import io.handshakedoctor.PartDecorator;
import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.ConnectionReader;
import io.handshakedoctor.config.EnrichmentMode;
import io.handshakedoctor.diagnosis.DiagnosisRule;
import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureEvent;
import io.handshakedoctor.emit.FailureOutput;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;

/**
 * Makes one stage of the real agent fail on purpose, to prove that a fault anywhere inside it
 * leaves the host's handshakes alone and is reported once. Runs inside the agent, from the jar
 * {@link FaultInjectionJar} writes and the agent's {@code decorators.jar} setting names; the stage
 * is the system property {@code handshake.doctor.test.fail}:
 *
 * <ul>
 *   <li>a listener hook ({@code handshakeStarted}, {@code fatalThrown}, ...: any method of {@link
 *       HandshakeListener}): that hook throws, after the capture ran (so later hooks see a
 *       consistent registry) or, for the hooks in {@link #BEFORE_THE_CAPTURE}, instead of it;
 *   <li>{@code transform}: every class file reaches the weaver as a future JDK's, which its ASM
 *       cannot read ({@link UnreadableClassFiles});
 *   <li>{@code evidence}: reading the connection's configuration throws while the evidence is
 *       assembled;
 *   <li>{@code diagnosis}: a rule runs out of memory;
 *   <li>{@code enrich}: enriching the exception throws;
 *   <li>{@code output}: every output throws.
 * </ul>
 */
public final class InjectedFaults implements PartDecorator {
  static final String PROPERTY = FaultInjectionJar.PROPERTY;
  /** Hooks that fail before the capture sees them: nothing is registered, nothing reported. */
  static final Set<String> BEFORE_THE_CAPTURE =
      Set.of("handshakeStarted", "fatalThrown", "handshakeInterrupted", "handshakeAbandoned");

  private final String stage;

  /** For the agent's ServiceLoader: the stage from the system property. */
  public InjectedFaults() {
    this(stageProperty());
  }

  InjectedFaults(String stage) {
    this.stage = stage;
  }

  private static String stageProperty() {
    String stage = System.getProperty(PROPERTY);
    return stage == null || stage.isEmpty() ? null : stage;
  }

  static String message(String stage) {
    return FaultInjectionJar.message(stage);
  }

  @Override
  public <T> T decorate(Class<T> role, T part) {
    if (stage == null) {
      return part;
    }
    if (role == HandshakeListener.class && isHook(stage)) {
      return failing(role, part, stage, BEFORE_THE_CAPTURE.contains(stage));
    }
    if (role == Instrumentation.class && stage.equals("transform")) {
      return role.cast(UnreadableClassFiles.around((Instrumentation) part));
    }
    if (role == ConnectionReader.class && stage.equals("evidence")) {
      return failing(role, part, "localConfiguration", true);
    }
    if (role == DiagnosisRule.class && stage.equals("diagnosis")) {
      return failing(role, part, "apply", true);
    }
    if (role == ExceptionEnricher.class && stage.equals("enrich")) {
      return role.cast(
          new ExceptionEnricher(EnrichmentMode.OFF) {
            @Override
            public void enrich(Throwable failure, FailureEvent event) {
              throw new IllegalStateException(message(stage));
            }
          });
    }
    if (role == FailureOutput.class && stage.equals("output")) {
      return failing(role, part, "write", true);
    }
    return part;
  }

  private static boolean isHook(String name) {
    return Arrays.stream(HandshakeListener.class.getMethods()).anyMatch(m -> m.getName().equals(name));
  }

  /** {@code part}, except that {@code method} throws the fault before (or else after) it ran. */
  private <T> T failing(Class<T> role, T part, String method, boolean before) {
    return role.cast(
        Proxy.newProxyInstance(
            InjectedFaults.class.getClassLoader(),
            new Class<?>[] {role},
            (proxy, called, args) -> {
              boolean target = called.getName().equals(method);
              if (target && before) {
                throw fault();
              }
              Object result = invoke(called, part, args);
              if (target) {
                throw fault();
              }
              return result;
            }));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** An error where the agent must survive the worst (out of memory while diagnosing), else a bug's exception. */
  private Throwable fault() {
    return stage.equals("diagnosis") ? new OutOfMemoryError(message(stage)) : new IllegalStateException(message(stage));
  }
}
