package io.handshakedoctor.compatibility;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes docs/compatibility.md from the rows {@link CompatibilityLog} collected in this build, merged into the
 * rows kept beside it (docs/compatibility-results.tsv): a row of this build replaces the kept row of the same
 * engine, library, JDK and scenario, so a build that ran only some of the integration tests updates only
 * their rows.
 */
public final class CompatibilityTable {

    static final String RESULTS_FILE = "compatibility-results.tsv";
    static final String TABLE_FILE = "compatibility.md";
    private static final String HEADER = "engine\tlibrary\tjdk\tscenario\texpected\tdiagnosed\tcaptured";
    private static final List<Captured> COLUMNS = Arrays.asList(Captured.values());

    private CompatibilityTable() {
    }

    /** One case as recorded; the key is engine, library, JDK and scenario. */
    static final class Row {
        final String engine;
        final String library;
        final String jdk;
        final String scenario;
        final String expected;
        final String diagnosed;
        final Set<String> captured;

        Row(String line) {
            String[] f = line.split("\t", -1);
            if (f.length < 7) {
                throw new IllegalArgumentException("not a result row: " + line);
            }
            engine = f[0];
            library = f[1];
            jdk = f[2];
            scenario = f[3];
            expected = f[4];
            diagnosed = f[5];
            captured = new LinkedHashSet<>(f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split(",")));
        }

        String key() {
            return engine + "\t" + library + "\t" + jdk + "\t" + scenario;
        }

        String stack() {
            return engine + "\t" + library + "\t" + jdk;
        }

        boolean isControl() {
            return "none".equals(expected);
        }

        String line() {
            return String.join("\t", engine, library, jdk, scenario, expected, diagnosed, String.join(",", captured));
        }
    }

    /** Merges this build's rows into {@code docs} and rewrites the table; returns the number of rows kept. */
    public static int write(Path buildResults, Path docs) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        Path kept = docs.resolve(RESULTS_FILE);
        for (Path source : Arrays.asList(kept, buildResults)) {
            if (Files.exists(source)) {
                for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty() && !line.equals(HEADER)) {
                        Row r = new Row(line);
                        rows.put(r.key(), r);
                    }
                }
            }
        }
        StringBuilder tsv = new StringBuilder(HEADER).append('\n');
        for (Row r : rows.values()) {
            tsv.append(r.line()).append('\n');
        }
        Files.createDirectories(docs);
        Files.write(kept, tsv.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(docs.resolve(TABLE_FILE), render(new ArrayList<>(rows.values())).getBytes(StandardCharsets.UTF_8));
        return rows.size();
    }

    static String render(List<Row> rows) {
        StringBuilder md = new StringBuilder()
                .append("# Compatibility: what the agent captures per TLS engine, library and JDK\n\n")
                .append("Written by the build from the integration tests' results (`CompatibilityTableIT`, after every other\n")
                .append("integration test; the rows are kept in `").append(RESULTS_FILE).append("`): do not edit by hand.\n")
                .append("Each case runs in a forked JVM under the agent against a real peer (nginx, `openssl s_server`/`s_client`);\n")
                .append("a failing case must give exactly one event with the expected cause, a control none.\n\n")
                .append("Columns: *right* = cases whose diagnosis was the expected one (controls: no event); the capture columns\n")
                .append("count, over the failing cases, the events that carried the sent or received ClientHello, the ServerHello\n")
                .append("(version and suite), an alert (and its direction), the peer's chain, the local trust manager's verdict, and\n")
                .append("the local configuration (enabled protocols).\n\n");
        md.append("## Per engine, library and JDK\n\n")
                .append("| Engine | Library | JDK | right | ClientHello | ServerHello | alert sent | alert received | peer chain | trust verdict | local configuration |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Row>> stacks = new TreeMap<>();
        for (Row r : rows) {
            stacks.computeIfAbsent(r.stack(), k -> new ArrayList<>()).add(r);
        }
        for (List<Row> stack : stacks.values()) {
            Row first = stack.get(0);
            int right = 0;
            int failing = 0;
            int[] counts = new int[COLUMNS.size()];
            for (Row r : stack) {
                if (r.expected.equals(r.diagnosed)) {
                    right++;
                }
                if (!r.isControl()) {
                    failing++;
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        if (r.captured.contains(COLUMNS.get(i).name().toLowerCase(Locale.ROOT))) {
                            counts[i]++;
                        }
                    }
                }
            }
            md.append("| ").append(first.engine).append(" | ").append(first.library).append(" | ").append(first.jdk)
                    .append(" | ").append(right).append("/").append(stack.size());
            for (int count : counts) {
                md.append(" | ").append(failing == 0 ? "" : count == 0 ? "no" : count == failing ? "yes" : count + "/" + failing);
            }
            md.append(" |\n");
        }
        md.append("\n## Per case\n\n")
                .append("| Engine | Library | JDK | Scenario | Expected | Diagnosed | Captured |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.engine).append(" | ").append(r.library).append(" | ").append(r.jdk)
                    .append(" | ").append(r.scenario).append(" | ").append(r.expected).append(" | ")
                    .append(r.expected.equals(r.diagnosed) ? r.diagnosed : "**" + r.diagnosed + "**")
                    .append(" | ").append(String.join(", ", r.captured)).append(" |\n");
        }
        return md.toString();
    }
}
