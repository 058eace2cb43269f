package io.handshakedoctor;

import io.handshakedoctor.bootstrap.HandshakeHooks;
import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.capture.CapturingListener;
import io.handshakedoctor.capture.ConnectionReader;
import io.handshakedoctor.capture.RequestContextSource;
import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.config.EnrichmentMode;
import io.handshakedoctor.config.LogTarget;
import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.diagnosis.DiagnosisEngine;
import io.handshakedoctor.diagnosis.DiagnosisRule;
import io.handshakedoctor.emit.ExceptionEnricher;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.emit.JsonLinesOutput;
import io.handshakedoctor.emit.LogLineOutput;
import io.handshakedoctor.emit.BudgetedOutput;
import io.handshakedoctor.emit.SharedBudgetOutputs;
import io.handshakedoctor.emit.otel.OtelOutput;
import io.handshakedoctor.capture.jsse.JsseConnectionReader;
import io.handshakedoctor.instrumentation.JsseHookInstaller;
import io.handshakedoctor.instrumentation.LibraryEngineTransformer;
import io.handshakedoctor.inventory.EarlyWarnings;
import io.handshakedoctor.inventory.PeerInventory;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires the running agent: listener, outputs and transformer, each part through the {@link
 * PartDecorator} seam. Kept apart from {@link AgentInstaller} because it names the bootstrap hook
 * types, which must not be loaded before the installer has put them into the boot loader.
 */
final class AgentRuntime {
  /** The running agent's inventory, for {@code report <pid>}; null when off or not started. */
  private static volatile PeerInventory inventory;
  /** What each part passes through as it is wired: {@code decorators.jar}'s, else the identity. */
  private static volatile PartDecorator parts = PartDecorator.NONE;

  private AgentRuntime() {}

  static PeerInventory inventory() {
    return inventory;
  }

  /**
   * {@code attached}: the JVM has run without the agent, so hooked classes may already be loaded
   * (and are retransformed); at start-up nothing of the application's is loaded yet.
   */
  static Reporting start(AgentConfig config, Instrumentation inst, boolean attached) {
    InternalErrors errors = new InternalErrors();
    parts = PartDecorators.load(config.decoratorsJar(), errors);
    openJavaBase(inst);
    openForMessageEnrichment(config, inst);
    Reporting reporting = new Reporting(outputs(config, null, errors), true);
    FailurePipeline failures = new FailurePipeline(() -> diagnosisEngine(errors), reporting, errors);
    PeerInventory peers = config.inventory() ? inventory(config, reporting, errors) : null;
    OtelOutput otel = reporting.current().otel;
    RequestContextSource requestContexts = otel == null ? RequestContextSource.NONE : otel.requestContexts();
    CapturingListener capturing =
        new CapturingListener(
            config.captureMaxInFlight(), config.captureMaxBytes(), failures, errors, peers, requestContexts,
            parts.decorate(ConnectionReader.class, new JsseConnectionReader()));
    inventory = peers;
    atExit(capturing, reporting, errors);
    if (attached) {
      // Before the weaving: its class redefinition sends the service's compiled code back to the
      // interpreter (on JDK 17-22 all of it), and the service's re-warming then has the CPU to itself.
      AttachWarmUp.prepare();
      reporting.publish();
    }
    HandshakeHooks.install(parts.decorate(HandshakeListener.class, capturing));
    Instrumentation weaving = parts.decorate(Instrumentation.class, inst);
    // The watch first: the installer weaves ClassLoader.defineClass, which feeds it.
    LibraryEngineTransformer.install(weaving, errors::internalError, attached);
    JsseHookInstaller.install(weaving, errors::internalError);
    return reporting;
  }

  /** The standard rules, each through the seam; built at the first failure, not at start-up. */
  private static DiagnosisEngine diagnosisEngine(InternalErrors errors) {
    List<DiagnosisRule> rules = new ArrayList<>();
    for (DiagnosisRule rule : DiagnosisEngine.standardRules()) {
      rules.add(parts.decorate(DiagnosisRule.class, rule));
    }
    return new DiagnosisEngine(rules, errors::internalError);
  }

  /**
   * A second attach: new outputs from the new settings replace the running ones (whose held-back
   * counts are written first, so none is lost), or reporting turns off. The hooks are not touched.
   * The OpenTelemetry output is kept as it is: the capture asks it for the request contexts.
   */
  static void apply(AgentConfig config, Reporting reporting, Instrumentation inst) {
    if (!config.enabled()) {
      reporting.turn(false);
      return;
    }
    openForMessageEnrichment(config, inst);
    Reporting.Outputs old = reporting.replace(outputs(config, reporting.current(), new InternalErrors()));
    reporting.turn(true);
    for (FailureOutput output : old.replaceable()) {
      output.flush();
    }
  }

  /**
   * The peer inventory: its warnings go to whatever outputs are current (a second attach may swap
   * them), its metrics to the OpenTelemetry output, which a second attach keeps.
   */
  private static PeerInventory inventory(AgentConfig config, Reporting reporting, InternalErrors errors) {
    OtelOutput metrics = reporting.current().otel;
    PeerInventory peers =
        new PeerInventory(
            config.inventoryInterval(),
            config.inventoryMaxPeers(),
            new EarlyWarnings(config.expiryWarningHorizon()),
            new WarningPipeline(() -> reporting.current().outputs, errors),
            metrics == null ? () -> {} : metrics::inventoryRecorded);
    if (metrics != null) {
      metrics.observe(peers, config.expiryMetricMaxPeers());
    }
    return peers;
  }

  private static Reporting.Outputs outputs(AgentConfig config, Reporting.Outputs running, InternalErrors errors) {
    List<FailureOutput> outputs = new ArrayList<>();
    List<FailureOutput> budgeted = new ArrayList<>();
    // The OpenTelemetry output, kept across attaches, comes first: it counts every failure and
    // marks it for its log-event part, which sits behind the shared budget below.
    OtelOutput otel = null;
    if (running == null) {
      if (config.otel() != OtelSignals.OFF) {
        otel = new OtelOutput(config.otel(), errors);
      }
    } else {
      otel = running.otel;
    }
    if (otel != null) {
      outputs.add(parts.decorate(FailureOutput.class, otel));
    }
    if (config.logTarget() != LogTarget.OFF) {
      budgeted.add(new LogLineOutput(config.logTarget()));
    }
    JsonLinesOutput eventsFile = null;
    if (config.eventsFile() != null) {
      eventsFile = new JsonLinesOutput(config.eventsFile(), config.eventsFileMaxBytes(), config.eventsFileMaxFiles());
      budgeted.add(eventsFile);
    }
    if (otel != null) {
      budgeted.add(otel.logEvents());
    }
    if (!budgeted.isEmpty()) {
      outputs.add(
          parts.decorate(
              FailureOutput.class,
              new BudgetedOutput(new SharedBudgetOutputs(budgeted, errors), config.dedupInterval(), config.reportBudget())));
    }
    return new Reporting.Outputs(
        parts.decorate(ExceptionEnricher.class, new ExceptionEnricher(config.enrichment())),
        otel,
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
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    ExitGrace.await(capturing);
                    for (FailureOutput output : reporting.current().outputs) {
                      try {
                        output.exiting();
                        output.flush();
                      } catch (Throwable t) {
                        errors.internalError("flushing an output at exit: " + output.getClass().getSimpleName(), t);
                      }
                    }
                    errors.printSummary();
                  },
                  "handshake-doctor-shutdown"));
    } catch (Throwable t) {
      errors.internalError("registering the shutdown hook", t);
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
    ModuleLayer.boot()
        .findModule("java.net.http")
        .ifPresent(m -> inst.redefineModule(m, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of()));
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
