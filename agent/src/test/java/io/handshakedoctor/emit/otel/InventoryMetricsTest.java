package io.handshakedoctor.emit.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.config.OtelSignals;
import io.handshakedoctor.emit.Names;
import io.handshakedoctor.evidence.CertificateSummary;
import io.handshakedoctor.evidence.HealthyHandshake;
import io.handshakedoctor.evidence.Side;
import io.handshakedoctor.inventory.EarlyWarnings;
import io.handshakedoctor.inventory.PeerInventory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory's instruments as a metric reader collects them. */
class InventoryMetricsTest {
  /** Collects on demand, as Prometheus scrapes. */
  static final class OnDemandReader implements MetricReader {
    private CollectionRegistration registration;

    @Override
    public void register(CollectionRegistration r) {
      registration = r;
    }

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public MemoryMode getMemoryMode() {
      return MemoryMode.IMMUTABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void theExpiryGaugeGivesEachPeersSecondsLeftAndTheCounterItsHandshakes() {
    OnDemandReader reader = new OnDemandReader();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
    PeerInventory inventory =
        new PeerInventory(Duration.ofHours(1), 10, new EarlyWarnings(Duration.ofDays(21)), w -> {}, () -> {});
    Instant notAfter = Instant.now().plus(Duration.ofDays(5));
    CertificateSummary leaf =
        new CertificateSummary("CN=api.example.com", "CN=CA", List.of(), Instant.now().minus(Duration.ofDays(1)), notAfter,
            "01", "AA", "EC", 256, "SHA256withECDSA", false, false, List.of());
    for (int i = 0; i < 3; i++) {
      if (inventory.due(true, "api.example.com", 443, "TLSv1.3", "TLS_AES_128_GCM_SHA256")) {
        inventory.record(
            HealthyHandshake.builder(Side.CLIENT, "api.example.com", 443)
                .negotiated("TLSv1.3", "TLS_AES_128_GCM_SHA256")
                .peerChain(List.of(leaf))
                .build());
      }
    }
    new OtelPipeline(sdk, "test", OtelSignals.AUTO).observe(inventory, 10);

    List<MetricData> metrics = new ArrayList<>(reader.collect());
    Instant collected = Instant.now();
    MetricData gauge = metric(metrics, Names.EXPIRY_METRIC);
    assertEquals("s", gauge.getUnit());
    LongPointData point = gauge.getLongGaugeData().getPoints().iterator().next();
    assertEquals("api.example.com", point.getAttributes().get(AttributeKey.stringKey("server.address")));
    assertEquals(443L, point.getAttributes().get(AttributeKey.longKey("server.port")));
    long expected = Duration.between(collected, notAfter).getSeconds();
    assertTrue(Math.abs(point.getValue() - expected) <= 1, point.getValue() + " vs " + expected);

    LongPointData handshakes = metric(metrics, Names.HANDSHAKES_METRIC).getLongSumData().getPoints().iterator().next();
    assertEquals(3, handshakes.getValue());
    assertEquals("1.3", handshakes.getAttributes().get(AttributeKey.stringKey("tls.protocol.version")));
    assertEquals("client", handshakes.getAttributes().get(AttributeKey.stringKey(Names.SIDE)));
  }

  private static MetricData metric(List<MetricData> metrics, String name) {
    for (MetricData m : metrics) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name + " not in " + metrics);
  }
}
