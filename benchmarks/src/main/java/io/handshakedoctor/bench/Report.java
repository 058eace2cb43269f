package io.handshakedoctor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what run.sh left in its output folder and prints the comparison as Markdown: every
 * variant's result divided by the plain JVM's result of the same round (so the machine's drift
 * between rounds cancels out), as the median ratio and its range over the rounds.
 *
 * <ul>
 *   <li>{@code jmh-<round>-<variant>.csv}: JMH's CSV results (throughput, and {@code -prof gc}'s
 *       allocation per operation);
 *   <li>{@code startup-<mode>-<variant>.txt}: one wall-clock start-up time in ms per line, one line
 *       per round; {@code startup-cpu-…} (user + system CPU ms) and {@code startup-rss-…} (peak
 *       RSS KiB) likewise; {@code startup-classes-…}: the agent's classes in one logged run;
 *   <li>{@code heap-<variant>.txt}: {@link HeapProbe}'s {@code key=value} lines.
 * </ul>
 */
public final class Report {
  private static final String PLAIN = "plain";
  private static final List<String> ORDER = Arrays.asList(
      "plain", "empty", "hook", "preload", "agent", "agent_noinv", "agent_base", "debug", "otel");

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : ".");
    StringBuilder out = new StringBuilder();
    throughput(dir, out);
    cpu(dir, out);
    startup(dir, out);
    heap(dir, out);
    System.out.print(out);
  }

  // ---- JMH ----------------------------------------------------------------------------------

  /** score[benchmark][variant][round] */
  private static void throughput(Path dir, StringBuilder out) throws IOException {
    Map<String, Map<String, Map<Integer, Double>>> scores = new TreeMap<>();
    Map<String, Map<String, Map<Integer, Double>>> alloc = new TreeMap<>();
    List<String> variants = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "jmh-*-*.csv")) {
      for (Path f : files) {
        String[] name = f.getFileName().toString().replace(".csv", "").split("-", 3);
        int round = Integer.parseInt(name[1]);
        String variant = name[2];
        if (!variants.contains(variant)) {
          variants.add(variant);
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
          continue;
        }
        List<String> header = csv(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
          List<String> row = csv(line);
          if (row.size() < 7) {
            continue;
          }
          String bench = row.get(0).replace("io.handshakedoctor.bench.", "");
          StringBuilder key = new StringBuilder();
          String metric = null;
          int colon = bench.indexOf(':');
          if (colon >= 0) {
            metric = bench.substring(colon + 1);
            bench = bench.substring(0, colon);
          }
          key.append(bench);
          for (int i = 7; i < row.size() && i < header.size(); i++) {
            if (!row.get(i).isEmpty()) {
              key.append(' ').append(row.get(i));
            }
          }
          double score = Double.parseDouble(row.get(4));
          Map<String, Map<String, Map<Integer, Double>>> target;
          if (metric == null) {
            target = scores;
          } else if (metric.endsWith("gc.alloc.rate.norm")) {
            target = alloc;
          } else {
            continue;
          }
          target
              .computeIfAbsent(key.toString(), k -> new TreeMap<>())
              .computeIfAbsent(variant, k -> new TreeMap<>())
              .put(round, score);
        }
      }
    }
    if (scores.isEmpty()) {
      return;
    }
    variants.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    out.append("### Throughput (JMH, ops/s; ratio = variant / plain of the same round)\n\n");
    out.append("| benchmark | plain ops/s (median) |");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append(' ').append(v).append(" / plain, median [min, max] |");
      }
    }
    out.append(" target (agent) | agent meets it |\n|---|---|");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append("---|");
      }
    }
    out.append("---|---|\n");
    for (Map.Entry<String, Map<String, Map<Integer, Double>>> e : scores.entrySet()) {
      Map<Integer, Double> plain = e.getValue().get(PLAIN);
      if (plain == null) {
        continue;
      }
      out.append("| ").append(e.getKey()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", median(new ArrayList<>(plain.values()))))
          .append(" |");
      double agentMedian = Double.NaN;
      for (String v : variants) {
        if (v.equals(PLAIN)) {
          continue;
        }
        List<Double> ratios = ratios(plain, e.getValue().get(v));
        out.append(' ').append(spread(ratios, "%.3f")).append(" |");
        if (v.equals("agent") && !ratios.isEmpty()) {
          agentMedian = median(ratios);
        }
      }
      double target = target(e.getKey());
      out.append(String.format(Locale.ROOT, " ≥ %.3f | ", target))
          .append(Double.isNaN(agentMedian) ? "n/a" : agentMedian >= target ? "yes" : "**no**")
          .append(" |\n");
    }
    out.append('\n');

    if (!alloc.isEmpty()) {
      allocationTable(out, "JMH -prof gc, gc.alloc.rate.norm, bytes", "benchmark | plain B/op", variants, alloc);
    }
  }

  private static double target(String benchmark) {
    if (benchmark.startsWith("DataPath")) {
      return 0.995;
    }
    if (benchmark.startsWith("Failing")) {
      return 0.5;
    }
    return 0.98;
  }

  private static int rank(String variant) {
    int i = ORDER.indexOf(variant);
    return i < 0 ? ORDER.size() : i;
  }

  private static List<Double> ratios(Map<Integer, Double> plain, Map<Integer, Double> other) {
    List<Double> r = new ArrayList<>();
    if (other != null) {
      for (Map.Entry<Integer, Double> e : other.entrySet()) {
        Double p = plain.get(e.getKey());
        if (p != null && p > 0) {
          r.add(e.getValue() / p);
        }
      }
    }
    return r;
  }

  private static List<Double> differences(Map<Integer, Double> plain, Map<Integer, Double> other) {
    List<Double> r = new ArrayList<>();
    if (other != null) {
      for (Map.Entry<Integer, Double> e : other.entrySet()) {
        Double p = plain.get(e.getKey());
        if (p != null) {
          r.add(e.getValue() - p);
        }
      }
    }
    return r;
  }

  // ---- CPU time per operation ------------------------------------------------------------------

  /** cpu-<round>-<variant>.txt: CpuProbe's lines; ratio = plain ns/op ÷ variant ns/op. */
  private static void cpu(Path dir, StringBuilder out) throws IOException {
    Map<String, Map<String, Map<Integer, Double>>> nanos = new TreeMap<>();
    Map<String, Map<String, Map<Integer, Double>>> bytes = new TreeMap<>();
    List<String> variants = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "cpu-*-*.txt")) {
      for (Path f : files) {
        String[] name = f.getFileName().toString().replace(".txt", "").split("-", 3);
        int round = Integer.parseInt(name[1]);
        String variant = name[2];
        if (!variants.contains(variant)) {
          variants.add(variant);
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int eq = line.indexOf('=');
          boolean isCpu = line.startsWith("cpu.");
          if ((isCpu || line.startsWith("alloc.")) && eq > 0) {
            (isCpu ? nanos : bytes)
                .computeIfAbsent(line.substring(line.indexOf('.') + 1, eq).replace('.', ' ').replace("TLSv1 ", "TLSv1."), k -> new TreeMap<>())
                .computeIfAbsent(variant, k -> new TreeMap<>())
                .put(round, Double.parseDouble(line.substring(eq + 1)));
          }
        }
      }
    }
    if (nanos.isEmpty()) {
      return;
    }
    variants.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    out.append("### CPU time per operation (CpuProbe, benchmark thread's CPU clock; ratio = plain ns ÷ variant ns, i.e. relative throughput per CPU second)\n\n");
    out.append("| workload | plain µs/op (median) |");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append(' ').append(v).append(" relative, median [min, max] |");
      }
    }
    out.append(" target (agent) | agent meets it |\n|---|---|");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append("---|");
      }
    }
    out.append("---|---|\n");
    for (Map.Entry<String, Map<String, Map<Integer, Double>>> e : nanos.entrySet()) {
      Map<Integer, Double> plain = e.getValue().get(PLAIN);
      if (plain == null) {
        continue;
      }
      out.append("| ").append(e.getKey()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", median(new ArrayList<>(plain.values())) / 1000))
          .append(" |");
      double agentMedian = Double.NaN;
      for (String v : variants) {
        if (v.equals(PLAIN)) {
          continue;
        }
        // plain / variant: the same orientation as the throughput ratios
        List<Double> r = new ArrayList<>();
        for (double x : ratios(plain, e.getValue().get(v))) {
          r.add(1 / x);
        }
        out.append(' ').append(spread(r, "%.3f")).append(" |");
        if (v.equals("agent") && !r.isEmpty()) {
          agentMedian = median(r);
        }
      }
      double target = target(e.getKey());
      out.append(String.format(Locale.ROOT, " ≥ %.3f | ", target))
          .append(Double.isNaN(agentMedian) ? "n/a" : agentMedian >= target ? "yes" : "**no**")
          .append(" |\n");
    }
    out.append('\n');
    if (bytes.isEmpty()) {
      return;
    }
    allocationTable(out, "CpuProbe, the benchmark thread's allocation counter", "workload | plain B/op (median)", variants, bytes);
  }

  // ---- start-up -----------------------------------------------------------------------------

  /** The files run.sh writes per run besides the wall-clock ones, named startup-<kind>-<mode>-<variant>.txt. */
  private static final List<String> STARTUP_PER_RUN = Arrays.asList("rss", "cpu", "classes");

  private static void startup(Path dir, StringBuilder out) throws IOException {
    Map<String, Map<String, List<Double>>> byMode = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "startup-*-*.txt")) {
      for (Path f : files) {
        String[] name = f.getFileName().toString().replace(".txt", "").split("-");
        if (STARTUP_PER_RUN.contains(name[1])) {
          continue;
        }
        String variant = name[name.length - 1];
        String mode = String.join("-", Arrays.copyOfRange(name, 1, name.length - 1));
        byMode.computeIfAbsent(mode, k -> new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b))))
            .put(variant, numbers(f));
      }
    }
    if (byMode.isEmpty()) {
      return;
    }
    out.append("### JVM start-up and first use (whole `java` command; every figure median [min, max] over the runs;"
        + " − and ÷ plain are taken run by run against plain's run of the same round)\n\n");
    out.append("| program | variant | runs | wall ms | wall − plain, ms | wall ÷ plain | CPU ms (user + sys) | CPU ÷ plain"
        + " | peak RSS MiB | RSS ÷ plain | agent classes loaded (jar + boot-defined; lambdas) | target (agent) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, List<Double>>> m : byMode.entrySet()) {
      String mode = m.getKey();
      List<Double> plainWall = m.getValue().get(PLAIN);
      List<Double> plainCpu = numbers(startupFile(dir, "cpu", mode, PLAIN));
      List<Double> plainRss = numbers(startupFile(dir, "rss", mode, PLAIN));
      for (Map.Entry<String, List<Double>> v : m.getValue().entrySet()) {
        String variant = v.getKey();
        boolean isPlain = variant.equals(PLAIN);
        List<Double> wall = v.getValue();
        List<Double> cpu = numbers(startupFile(dir, "cpu", mode, variant));
        List<Double> rss = mebibytes(numbers(startupFile(dir, "rss", mode, variant)));
        List<Double> deltas = isPlain ? Collections.emptyList() : pairwise(wall, plainWall, false);
        List<Double> rssRatios =
            isPlain ? Collections.emptyList() : pairwise(rss, mebibytes(plainRss), true);
        out.append("| ").append(mode).append(" | ").append(variant).append(" | ")
            .append(wall.size()).append(" | ")
            .append(spread(wall, "%.0f")).append(" | ")
            .append(isPlain ? "" : spread(deltas, "%+.0f")).append(" | ")
            .append(isPlain ? "" : spread(pairwise(wall, plainWall, true), "%.2f")).append(" | ")
            .append(cpu.isEmpty() ? "" : spread(cpu, "%.0f")).append(" | ")
            .append(isPlain || cpu.isEmpty() ? "" : spread(pairwise(cpu, plainCpu, true), "%.2f")).append(" | ")
            .append(rss.isEmpty() ? "" : spread(rss, "%.1f")).append(" | ")
            .append(isPlain || rss.isEmpty() ? "" : spread(rssRatios, "%.2f")).append(" | ")
            .append(agentClasses(dir, mode, variant)).append(" | ")
            .append(variant.equals("agent") && isFirstUse(mode) ? verdict(deltas, rssRatios) : "")
            .append(" |\n");
      }
    }
    out.append('\n');
  }

  /** The targets at first use: ≤ +50 ms wall and ≤ ×1.10 peak RSS, medians of the pairs. */
  private static String verdict(List<Double> wallDeltas, List<Double> rssRatios) {
    String wall = median(wallDeltas) <= 50 ? "≤ +50 ms: yes" : "≤ +50 ms: **no**";
    if (rssRatios.isEmpty()) {
      return wall;
    }
    return wall + "; " + (median(rssRatios) <= 1.10 ? "RSS ≤ ×1.10: yes" : "RSS ≤ ×1.10: **no**");
  }

  /** The two first-use programs: the default parameters, and a full handshake. */
  private static boolean isFirstUse(String mode) {
    return mode.equals("parameters") || mode.equals("handshake");
  }

  private static Path startupFile(Path dir, String kind, String mode, String variant) {
    return dir.resolve("startup-" + kind + "-" + mode + "-" + variant + ".txt");
  }

  /** Run i against plain's run i: the difference, or the ratio. */
  private static List<Double> pairwise(List<Double> variant, List<Double> plain, boolean ratio) {
    List<Double> r = new ArrayList<>();
    if (plain != null) {
      for (int i = 0; i < Math.min(plain.size(), variant.size()); i++) {
        r.add(ratio ? variant.get(i) / plain.get(i) : variant.get(i) - plain.get(i));
      }
    }
    return r;
  }

  /** run.sh's logged run: "jar boot-defined lambdas" counts, shown as "127 + 3; 16". */
  private static String agentClasses(Path dir, String mode, String variant) throws IOException {
    Path file = startupFile(dir, "classes", mode, variant);
    if (!Files.exists(file)) {
      return "";
    }
    String[] counts = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim().split(" ");
    return counts.length < 3 ? "" : counts[0] + " + " + counts[1] + "; " + counts[2];
  }

  private static List<Double> mebibytes(List<Double> kib) {
    List<Double> out = new ArrayList<>();
    for (double k : kib) {
      out.add(k / 1024);
    }
    return out;
  }

  /** One number a line; none when the file is missing (no GNU time, or not recorded). */
  private static List<Double> numbers(Path file) throws IOException {
    List<Double> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.trim().matches("[0-9]+(\\.[0-9]+)?")) {
          out.add(Double.parseDouble(line.trim()));
        }
      }
    }
    return out;
  }

  // ---- heap probe ---------------------------------------------------------------------------

  private static void heap(Path dir, StringBuilder out) throws IOException {
    Map<String, Map<String, String>> byVariant =
        new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "heap-*.txt")) {
      for (Path f : files) {
        String variant = f.getFileName().toString().replace(".txt", "").substring(5);
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int eq = line.indexOf('=');
          if (eq > 0 && !line.startsWith("histogram.line") && !line.startsWith("alloc.agent.site")
              && !line.startsWith("cpu.agent.site") && !line.startsWith("cpu.top")) {
            values.put(line.substring(0, eq), line.substring(eq + 1));
          }
        }
        byVariant.put(variant, values);
      }
    }
    if (byVariant.isEmpty()) {
      return;
    }
    out.append("### Memory and threads (HeapProbe)\n\n| measure |");
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> v : byVariant.entrySet()) {
      out.append(' ').append(v.getKey()).append(" |");
      for (String k : v.getValue().keySet()) {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      }
    }
    Collections.sort(keys);
    out.append("\n|---|");
    for (int i = 0; i < byVariant.size(); i++) {
      out.append("---|");
    }
    out.append('\n');
    for (String k : keys) {
      out.append("| ").append(k).append(" |");
      for (Map<String, String> values : byVariant.values()) {
        out.append(' ').append(values.getOrDefault(k, "")).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String spread(List<Double> values, String format) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    String median = String.format(Locale.ROOT, format, median(sorted));
    if (sorted.size() == 1) {
      return median;
    }
    return median
        + " ["
        + String.format(Locale.ROOT, format, sorted.get(0))
        + ", "
        + String.format(Locale.ROOT, format, sorted.get(sorted.size() - 1))
        + "]";
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** One CSV line as JMH writes it (fields optionally in double quotes, no embedded quotes). */
  private static List<String> csv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields;
  }

  /** Bytes per operation: plain's median, then each variant's difference from plain per round. */
  private static void allocationTable(
      StringBuilder out,
      String source,
      String firstColumns,
      List<String> variants,
      Map<String, Map<String, Map<Integer, Double>>> bytes) {
    out.append("### Allocation per operation (").append(source).append(")\n\n");
    out.append("| ").append(firstColumns).append(" |");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append(' ').append(v).append(" − plain, B/op median [min, max] |");
      }
    }
    out.append("\n|---|---|");
    for (String v : variants) {
      if (!v.equals(PLAIN)) {
        out.append("---|");
      }
    }
    out.append('\n');
    for (Map.Entry<String, Map<String, Map<Integer, Double>>> e : bytes.entrySet()) {
      Map<Integer, Double> plain = e.getValue().get(PLAIN);
      if (plain == null) {
        continue;
      }
      out.append("| ").append(e.getKey()).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", median(new ArrayList<>(plain.values()))))
          .append(" |");
      for (String v : variants) {
        if (!v.equals(PLAIN)) {
          out.append(' ').append(spread(differences(plain, e.getValue().get(v)), "%+.0f")).append(" |");
        }
      }
      out.append('\n');
    }
    out.append('\n');
  }
}
