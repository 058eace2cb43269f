package io.handshakedoctor;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.CapturingListener;
import io.handshakedoctor.capture.ConnectionReader;
import io.handshakedoctor.capture.RequestContextSource;
import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.EnrichmentMode;
import io.handshakedoctor.config.LogTarget;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.diagnosis.DiagnosisRule;
import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.JsonLinesOutput;
import io.handshakedoctor.emit.LogLineOutput;
import io.handshakedoctor.emit.BudgetedOutput;
import io.handshakedoctor.emit.SharedBudgetOutputs;
import io.handshakedoctor.emit.otel.AgentRequestContexts;
import io.handshakedoctor.emit.otel.OtelOutput;
import io.handshakedoctor.capture.jsse.JsseConnectionReader;
import io.handshakedoctor.instrumentation.JsseHookInstaller;
import io.handshakedoctor.instrumentation.LibraryEngineTransformer;
import io.handshakedoctor.inventory.PeerInventory;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Wires the running agent: listener, outputs and transformer, each part through the {@link
 * PartDecorator} seam. Kept apart from {@link AgentInstaller} because it names the bootstrap hook
 * types, which must not be loaded before the installer has put them into the boot loader.
 */
final class AgentRuntime {
  /** The running agent's inventory, for {@code report <pid>}; null when off or not started. */
  private static volatile DeferredInventory inventory;
  /** What each part passes through as it is wired: {@code decorators.jar}'s, else the identity. */
  private static volatile PartDecorator parts = PartDecorator.NONE;
  /** The OpenTelemetry output, kept across attaches; made at its first need. */
  private static volatile OtelOutputSlot otel;

  private AgentRuntime() {}

  /** The peer inventory (made now if no handshake made it yet); null when off or not started. */
  static PeerInventory inventory() {
    DeferredInventory peers = inventory;
    return peers == null ? null : peers.get();
  }

  /**
   * {@code attached}: the JVM has run without the agent, so hooked classes may already be loaded
   * (and are retransformed); at start-up nothing of the application's is loaded yet. Only what the
   * first hook call needs is made here: the outputs, the rules and the inventory are made at their
   * first need, each engine's capture at its first hook call.
   */
  static Reporting start(AgentConfig config, Instrumentation inst, boolean attached) {
    InternalErrors errors = new InternalErrors();
    parts = PartDecorators.load(config.decoratorsJar(), errors);
    openJavaBase(inst);
    openForMessageEnrichment(config, inst);
    OtelOutputSlot otelOutput = new OtelOutputSlot(config.otel(), errors);
    otel = otelOutput;
    Reporting reporting = new Reporting(new FirstOutputs(config, errors));
    FailurePipeline failures = new FailurePipeline(new StandardRules(errors), reporting, errors);
    DeferredInventory peers = config.inventory() ? new DeferredInventory(config, reporting, otelOutput, errors) : null;
    RequestContextSource requestContexts = otelOutput.off() ? RequestContextSource.NONE : new AgentRequestContexts();
    CapturingListener capturing =
        new CapturingListener(
            config.captureMaxInFlight(), config.captureMaxBytes(), failures, errors, peers, requestContexts,
            parts.decorate(ConnectionReader.class, new JsseConnectionReader()));
    inventory = peers;
    atExit(capturing, reporting, errors);
    if (attached) {
      // Before the weaving: its class redefinition sends the service's compiled code back to the
      // interpreter (on JDK 17 all of it), and the service's re-warming then has the CPU to itself.
      AttachWarmUp.prepare();
      reporting.current(); // the outputs too, which start-up leaves to the first failure
      reporting.publish();
    }
    HandshakeHooks.install(parts.decorate(HandshakeListener.class, capturing));
    Instrumentation weaving = parts.decorate(Instrumentation.class, inst);
    // The watch first: the installer weaves ClassLoader.defineClass, which feeds it.
    LibraryEngineTransformer.install(weaving, errors, attached);
    JsseHookInstaller.install(weaving, errors);
    return reporting;
  }

  /** The standard rules, each through the seam; built at the first failure, not at start-up. */
  private static final class StandardRules implements Supplier<DiagnosisEngine> {
    private final InternalErrors errors;

    StandardRules(InternalErrors errors) {
      this.errors = errors;
    }

    @Override
    public DiagnosisEngine get() {
      List<DiagnosisRule> rules = new ArrayList<>();
      for (DiagnosisRule rule : DiagnosisEngine.standardRules()) {
        rules.add(parts.decorate(DiagnosisRule.class, rule));
      }
      return new DiagnosisEngine(rules, errors);
    }
  }

  /** The outputs of the start-up settings, made at the first failure, warning or exit that needs them. */
  private static final class FirstOutputs implements Supplier<Reporting.Outputs> {
    private final AgentConfig config;
    private final InternalErrors errors;

    FirstOutputs(AgentConfig config, InternalErrors errors) {
      this.config = config;
      this.errors = errors;
    }

    @Override
    public Reporting.Outputs get() {
      return outputs(config, errors);
    }
  }

  /**
   * A second attach: new outputs from the new settings replace the running ones (whose held-back
   * counts are written first, so none is lost), or reporting turns off. The hooks are not touched.
   * The OpenTelemetry output is kept as it is (one per JVM, {@link OtelOutputSlot}): its metrics
   * observe the inventory.
   */
  static void apply(AgentConfig config, Reporting reporting, Instrumentation inst) {
    if (!config.enabled()) {
      reporting.turn(false);
      return;
    }
    openForMessageEnrichment(config, inst);
    Reporting.Outputs old = reporting.replace(outputs(config, new InternalErrors()));
    reporting.turn(true);
    if (old == null) {
      return; // the first outputs were never needed
    }
    for (FailureOutput output : old.replaceable()) {
      output.flush();
    }
  }

  private static Reporting.Outputs outputs(AgentConfig config, InternalErrors errors) {
    List<FailureOutput> outputs = new ArrayList<>();
    List<FailureOutput> budgeted = new ArrayList<>();
    // The OpenTelemetry output, kept across attaches, comes first: it counts every failure and
    // marks it for its log-event part, which sits behind the shared budget below.
    OtelOutput otelOutput = otel.get();
    if (otelOutput != null) {
      outputs.add(parts.decorate(FailureOutput.class, otelOutput));
    }
    if (config.logTarget() != LogTarget.OFF) {
      budgeted.add(new LogLineOutput(config.logTarget()));
    }
    JsonLinesOutput eventsFile = null;
    if (config.eventsFile() != null) {
      eventsFile = new JsonLinesOutput(config.eventsFile(), config.eventsFileMaxBytes(), config.eventsFileMaxFiles());
      budgeted.add(eventsFile);
    }
    if (otelOutput != null) {
      budgeted.add(otelOutput.logEvents());
    }
    if (!budgeted.isEmpty()) {
      outputs.add(
          parts.decorate(
              FailureOutput.class,
              new BudgetedOutput(new SharedBudgetOutputs(budgeted, errors), config.dedupInterval(), config.reportBudget())));
    }
    return new Reporting.Outputs(
        parts.decorate(ExceptionEnricher.class, new ExceptionEnricher(config.enrichment())),
        otelOutput,
        List.copyOf(outputs),
        eventsFile);
  }

  /**
   * At exit: failures about to be reported get a short grace ({@link ExitGrace}); then the
   * failures the log-type outputs held back as repeats are written with their counts, then the
   * fault summary. The hook thread exists only from now until exit and starts only then.
   */
  private static void atExit(CapturingListener capturing, Reporting reporting, InternalErrors errors) {
    try {
      Runtime.getRuntime().addShutdownHook(new ShutdownReport(capturing, reporting, errors));
    } catch (Throwable t) {
      errors.internalError("registering the shutdown hook", t);
    }
  }

  private static final class ShutdownReport extends Thread {
    private final CapturingListener capturing;
    private final Reporting reporting;
    private final InternalErrors errors;

    ShutdownReport(CapturingListener capturing, Reporting reporting, InternalErrors errors) {
      super("handshake-doctor-shutdown");
      this.capturing = capturing;
      this.reporting = reporting;
      this.errors = errors;
    }

    @Override
    public void run() {
      ExitGrace.await(capturing);
      // Outputs never needed have nothing to flush (the OpenTelemetry pipeline, if the inventory's
      // metrics opened it, flushes on its own hook).
      Reporting.Outputs outputs = reporting.madeSoFar();
      if (outputs != null) {
        for (FailureOutput output : outputs.outputs) {
          try {
            output.exiting();
            output.flush();
          } catch (Throwable t) {
            errors.internalError("flushing an output at exit: " + output.getClass().getSimpleName(), t);
          }
        }
      }
      errors.printSummary();
    }
  }

  /**
   * Code woven into java.base calls the bootstrap hooks (boot loader's unnamed module), and
   * the agent reads JSSE's fields at failure time, so java.base must read the one and open
   * sun.security.ssl to the other (the agent's own module only, see docs/design.md).
   */
  private static void openJavaBase(Instrumentation inst) {
    Module javaBase = Object.class.getModule();
    Module hooks = HandshakeHooks.class.getModule();
    Module agent = AgentInstaller.class.getModule();
    inst.redefineModule(
        javaBase, Set.of(hooks), Map.of(), Map.of(JsseConnectionReader.INTERNALS_PACKAGE, Set.of(agent)), Set.of(), Map.of());
    // java.net.http's SSLTube is hooked too; it must read the hooks' module as well.
    Optional<Module> httpClient = ModuleLayer.boot().findModule("java.net.http");
    if (httpClient.isPresent()) {
      inst.redefineModule(httpClient.get(), Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /**
   * {@code enrich=message} appends the diagnosis to the exception's own message, which only
   * {@code Throwable.detailMessage} can do: java.lang is opened to the agent's module for it, at
   * start-up or at the attach that asks for it, and never otherwise (once opened, it stays open).
   */
  private static void openForMessageEnrichment(AgentConfig config, Instrumentation inst) {
    Module javaBase = Object.class.getModule();
    Module agent = AgentInstaller.class.getModule();
    if (config.enrichment() != EnrichmentMode.MESSAGE || inst == null || javaBase.isOpen("java.lang", agent)) {
      return;
    }
    inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
  }
}
