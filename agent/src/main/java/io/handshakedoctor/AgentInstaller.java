package io.handshakedoctor;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.CapturingListener;
import io.handshakedoctor.capture.FaultInjectingListener;
import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.ConfigSource;
import io.handshakedoctor.config.LogTarget;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.JsonLinesOutput;
import io.handshakedoctor.emit.LogLineOutput;
import io.handshakedoctor.emit.RepeatLimitedOutput;
import io.handshakedoctor.instrumentation.JsseHookPoints;
import io.handshakedoctor.instrumentation.JsseTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs the agent, inside its isolated class loader: reads the settings, lets java.base reach
 * the bootstrap hooks, registers the JSSE transformer and the listener. Nothing else happens at
 * start-up; diagnosis, files and logging wait for the first failure.
 */
public final class AgentInstaller {
  private static final String[] OPENED_PACKAGES = {"sun.security.ssl", "java.lang"};

  private AgentInstaller() {}

  public static void install(String arguments, Instrumentation inst, boolean attached) {
    AgentConfig config = AgentConfig.from(ConfigSource.of(arguments));
    for (String problem : config.problems()) {
      System.err.println("handshake-doctor: " + problem);
    }
    if (!config.enabled()) {
      return;
    }
    InternalErrors errors = new InternalErrors();
    openJavaBase(inst);
    HandshakeListener listener =
        new CapturingListener(
            config.captureMaxInFlight(),
            config.captureMaxBytes(),
            new FailurePipeline(
                DiagnosisEngine.standard(),
                new ExceptionEnricher(config.enrichment()),
                outputs(config, errors),
                errors),
            errors);
    if (Boolean.getBoolean("handshake.doctor.test.fail.capture")) {
      listener = new FaultInjectingListener(listener);
    }
    HandshakeHooks.install(listener);
    JsseTransformer transformer = new JsseTransformer(errors::internalError);
    inst.addTransformer(transformer, true);
    retransformLoaded(inst, errors);
  }

  private static List<FailureOutput> outputs(AgentConfig config, InternalErrors errors) {
    List<FailureOutput> outputs = new ArrayList<>();
    if (config.logTarget() != LogTarget.OFF) {
      outputs.add(new RepeatLimitedOutput(new LogLineOutput(config.logTarget()), config.dedupInterval()));
    }
    if (config.eventsFile() != null) {
      outputs.add(
          new RepeatLimitedOutput(
              new JsonLinesOutput(config.eventsFile(), errors), config.dedupInterval()));
    }
    return outputs;
  }

  /**
   * Advice inlined into java.base calls the bootstrap hooks (boot loader's unnamed module), and
   * the agent reads JSSE's fields at failure time, so java.base must read the one and open
   * sun.security.ssl to the other.
   */
  private static void openJavaBase(Instrumentation inst) {
    Module javaBase = Object.class.getModule();
    Module hooks = HandshakeHooks.class.getModule();
    Module agent = AgentInstaller.class.getModule();
    Map<String, Set<Module>> opens = new java.util.HashMap<>();
    for (String pkg : OPENED_PACKAGES) {
      opens.put(pkg, Set.of(agent));
    }
    inst.redefineModule(javaBase, Set.of(hooks), Map.of(), opens, Set.of(), Map.of());
  }

  /** When attached to a running JVM, JSSE may already be loaded: transform it in place. */
  private static void retransformLoaded(Instrumentation inst, InternalErrors errors) {
    Set<String> targets = JsseHookPoints.classNames();
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null && targets.contains(c.getName().replace('.', '/'))) {
        loaded.add(c);
      }
    }
    for (Class<?> c : loaded) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        errors.internalError("retransforming " + c.getName(), t);
      }
    }
  }
}
