package io.handshakedoctor;

import io.handshakedoctor.capture.HealthyHandshakeSink;
import io.handshakedoctor.capture.LastHealthyHandshakes;
import io.handshakedoctor.config.AgentConfig;
import io.handshakedoctor.emit.otel.OtelOutput;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.inventory.EarlyWarnings;
import io.handshakedoctor.inventory.PeerInventory;

/**
 * The peer inventory, made at the first successful handshake (or the first {@code report <pid>}),
 * not at start-up: its warnings go to whatever outputs are current (a second attach may swap
 * them), its metrics to the OpenTelemetry output, which a second attach keeps. A failure before
 * any successful handshake finds no last good one without making it.
 */
final class DeferredInventory implements HealthyHandshakeSink, LastHealthyHandshakes {
  private final AgentConfig config;
  private final Reporting reporting;
  private final OtelOutputSlot otel;
  private final InternalErrors errors;
  private volatile PeerInventory inventory;

  DeferredInventory(AgentConfig config, Reporting reporting, OtelOutputSlot otel, InternalErrors errors) {
    this.config = config;
    this.reporting = reporting;
    this.otel = otel;
    this.errors = errors;
  }

  /** The inventory, made now if this is its first need. */
  PeerInventory get() {
    PeerInventory p = inventory;
    if (p == null) {
      synchronized (this) {
        p = inventory;
        if (p == null) {
          p = make();
          inventory = p;
        }
      }
    }
    return p;
  }

  private PeerInventory make() {
    OtelOutput metrics = otel.get();
    PeerInventory peers =
        new PeerInventory(
            config.inventoryInterval(),
            config.inventoryMaxPeers(),
            new EarlyWarnings(config.expiryWarningHorizon()),
            new WarningPipeline(reporting, errors),
            new MetricsPipelineOpener(metrics));
    if (metrics != null) {
      metrics.observe(peers, config.expiryMetricMaxPeers());
    }
    return peers;
  }

  @Override
  public boolean due(boolean client, String host, int port, String protocol, String cipherSuite) {
    return get().due(client, host, port, protocol, cipherSuite);
  }

  @Override
  public void record(HealthyHandshake handshake) {
    get().record(handshake);
  }

  @Override
  public HealthyHandshake lastHealthy(boolean client, String host, int port) {
    PeerInventory p = inventory;
    return p == null ? null : p.lastHealthy(client, host, port);
  }

  /** After each record: the inventory's metrics need the OpenTelemetry pipeline (decided once). */
  private static final class MetricsPipelineOpener implements Runnable {
    private final OtelOutput metrics; // null when OpenTelemetry is off

    MetricsPipelineOpener(OtelOutput metrics) {
      this.metrics = metrics;
    }

    @Override
    public void run() {
      if (metrics != null) {
        metrics.inventoryRecorded();
      }
    }
  }
}
