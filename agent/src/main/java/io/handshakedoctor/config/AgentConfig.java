package io.handshakedoctor.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's settings, validated. A bad value never stops the host: it is recorded as a problem
 * (reported once by the caller) and the default is used. Documented in docs/configuration.md.
 */
public final class AgentConfig {
  static final Set<String> KEYS =
      Set.of(
          "enabled",
          "events.file",
          "log",
          "enrich",
          "capture.max.bytes",
          "capture.max.inflight",
          "dedup.interval",
          "report.budget",
          "events.file.max.size",
          "events.file.max.files",
          "otel",
          "inventory",
          "inventory.interval",
          "inventory.max.peers",
          "expiry.warning.days",
          "expiry.metric.max.peers",
          "decorators.jar");

  private final boolean enabled;
  private final Path eventsFile;
  private final LogTarget logTarget;
  private final EnrichmentMode enrichment;
  private final int captureMaxBytes;
  private final int captureMaxInFlight;
  private final Duration dedupInterval;
  private final int reportBudget;
  private final long eventsFileMaxBytes;
  private final int eventsFileMaxFiles;
  private final OtelSignals otel;
  private final boolean inventory;
  private final Duration inventoryInterval;
  private final int inventoryMaxPeers;
  private final Duration expiryWarningHorizon;
  private final int expiryMetricMaxPeers;
  private final Path decoratorsJar;
  private final List<String> problems;

  private AgentConfig(ConfigSource source) {
    List<String> errors = new ArrayList<>();
    this.enabled = bool(source, "enabled", true, errors);
    this.eventsFile = path(source, "events.file", "no events file", errors);
    this.logTarget = choice(source, "log", LogTarget.class, LogTarget.AUTO, errors);
    this.enrichment = choice(source, "enrich", EnrichmentMode.class, EnrichmentMode.SUPPRESSED, errors);
    this.captureMaxBytes = integer(source, "capture.max.bytes", 65536, 1024, 1 << 20, errors);
    this.captureMaxInFlight = integer(source, "capture.max.inflight", 10000, 16, 1_000_000, errors);
    this.dedupInterval =
        Duration.ofSeconds(integer(source, "dedup.interval", 60, 0, 86400, errors));
    this.reportBudget = integer(source, "report.budget", 10, 0, 1_000_000, errors);
    this.eventsFileMaxBytes = size(source, "events.file.max.size", 10L << 20, 4096, 1L << 40, errors);
    this.eventsFileMaxFiles = integer(source, "events.file.max.files", 5, 0, 1000, errors);
    this.otel = choice(source, "otel", OtelSignals.class, OtelSignals.AUTO, errors);
    this.inventory = bool(source, "inventory", true, errors);
    this.inventoryInterval =
        Duration.ofSeconds(integer(source, "inventory.interval", 3600, 1, 7 * 86400, errors));
    this.inventoryMaxPeers = integer(source, "inventory.max.peers", 1000, 1, 100_000, errors);
    this.expiryWarningHorizon = Duration.ofDays(integer(source, "expiry.warning.days", 21, 0, 3650, errors));
    this.expiryMetricMaxPeers = integer(source, "expiry.metric.max.peers", 100, 0, 10_000, errors);
    this.decoratorsJar = path(source, "decorators.jar", "no decorators", errors);
    for (String key : source.agentArgumentKeys()) {
      if (!KEYS.contains(key)) {
        errors.add("unknown agent argument '" + key + "' ignored; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    for (Map.Entry<String, String> e : source.prefixedKeys().entrySet()) {
      String key = e.getKey();
      // "started" and "status" are the agent's own markers; "test.*" the project's tests' own
      // settings (the JDKs they fork, the faults their decorators inject).
      if (!KEYS.contains(key) && !key.equals("started") && !key.equals("status") && !key.startsWith("test.") && !key.equals("test")) {
        errors.add("unknown setting " + e.getValue() + " ignored; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    this.problems = Collections.unmodifiableList(errors);
  }

  public static AgentConfig from(ConfigSource source) {
    return new AgentConfig(source);
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The jar of {@code PartDecorator}s the running agent is assembled through (the fault-isolation
   * tests'), or null: none, the agent's parts as they are. Read at start-up only.
   */
  public Path decoratorsJar() {
    return decoratorsJar;
  }

  /** The JSON-lines events file, or null when none is configured. */
  public Path eventsFile() {
    return eventsFile;
  }

  public LogTarget logTarget() {
    return logTarget;
  }

  public EnrichmentMode enrichment() {
    return enrichment;
  }

  /** Handshake bytes kept per connection. */
  public int captureMaxBytes() {
    return captureMaxBytes;
  }

  /** Handshakes tracked at once; beyond this new ones go untracked (and are counted). */
  public int captureMaxInFlight() {
    return captureMaxInFlight;
  }

  /** Log-type outputs repeat a failure with the same cause and peer at most once per interval. */
  public Duration dedupInterval() {
    return dedupInterval;
  }

  /**
   * Single reports per severity (WARN, INFO) per {@link #dedupInterval}, shared by the log and the events file; beyond it,
   * failures are summarised per side, cause and common trait.
   */
  public int reportBudget() {
    return reportBudget;
  }

  /** The events file rolls over before it would pass this many bytes. */
  public long eventsFileMaxBytes() {
    return eventsFileMaxBytes;
  }

  /** Rolled-over events files kept ({@code events.jsonl.1} the newest); 0 keeps none. */
  public int eventsFileMaxFiles() {
    return eventsFileMaxFiles;
  }

  /** What goes to OpenTelemetry, when an OpenTelemetry pipeline is found at the first failure. */
  public OtelSignals otel() {
    return otel;
  }

  /** The peer inventory, its early warnings and metrics (docs/early-warnings.md); false turns all of it off. */
  public boolean inventory() {
    return inventory;
  }

  /** A peer is re-recorded (and can warn again) at most once per interval. */
  public Duration inventoryInterval() {
    return inventoryInterval;
  }

  public int inventoryMaxPeers() {
    return inventoryMaxPeers;
  }

  /** Certificates expiring within this horizon raise certificate_expiring. */
  public Duration expiryWarningHorizon() {
    return expiryWarningHorizon;
  }

  /** At most this many peers get an expiry gauge series (soonest first). */
  public int expiryMetricMaxPeers() {
    return expiryMetricMaxPeers;
  }

  /** Human-readable problems with the settings given, each naming where the bad value came from. */
  public List<String> problems() {
    return problems;
  }

  private static boolean bool(ConfigSource s, String key, boolean def, List<String> errors) {
    ConfigSource.RawValue raw = s.lookup(key);
    if (raw == null) {
      return def;
    }
    String v = raw.value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    errors.add(bad(raw, "true or false", String.valueOf(def)));
    return def;
  }

  private static Path path(ConfigSource s, String key, String without, List<String> errors) {
    ConfigSource.RawValue raw = s.lookup(key);
    if (raw == null || raw.value.isBlank()) {
      return null;
    }
    try {
      return Paths.get(raw.value.trim());
    } catch (InvalidPathException e) {
      errors.add(bad(raw, "a file path", without));
      return null;
    }
  }

  private static <E extends Enum<E>> E choice(
      ConfigSource s, String key, Class<E> type, E def, List<String> errors) {
    ConfigSource.RawValue raw = s.lookup(key);
    if (raw == null) {
      return def;
    }
    try {
      return Enum.valueOf(type, raw.value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name().toLowerCase(Locale.ROOT));
      }
      errors.add(bad(raw, "one of " + String.join(", ", names), def.name().toLowerCase(Locale.ROOT)));
      return def;
    }
  }

  private static int integer(
      ConfigSource s, String key, int def, int min, int max, List<String> errors) {
    ConfigSource.RawValue raw = s.lookup(key);
    if (raw == null) {
      return def;
    }
    try {
      int v = Integer.parseInt(raw.value.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(bad(raw, "an integer from " + min + " to " + max, String.valueOf(def)));
    return def;
  }

  /** Bytes, with an optional KB, MB or GB suffix (powers of 1024), as logback writes sizes. */
  private static long size(ConfigSource s, String key, long def, long min, long max, List<String> errors) {
    ConfigSource.RawValue raw = s.lookup(key);
    if (raw == null) {
      return def;
    }
    String v = raw.value.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix : new String[][] {{"KB", "10"}, {"MB", "20"}, {"GB", "30"}}) {
      if (v.endsWith(suffix[0])) {
        unit = 1L << Integer.parseInt(suffix[1]);
        v = v.substring(0, v.length() - 2).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min / unit && n <= max / unit && n * unit >= min) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(bad(raw, "a size from 4KB to 1024GB (bytes, or with a KB, MB or GB suffix)", def + " bytes"));
    return def;
  }

  private static String bad(ConfigSource.RawValue raw, String expected, String def) {
    return "bad value '" + raw.value + "' for " + raw.origin + ": expected " + expected + "; using " + def;
  }
}
