package io.handshakedoctor.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * Results of the engine and library integration tests, one tab-separated line per case, from which the build
 * writes docs/compatibility.md: the table is what the tests saw, never typed by hand.
 */
public final class CompatibilityLog {

    /** Relative to the module directory, where failsafe runs. */
    public static final Path RESULTS = Paths.get("target", "compatibility", "results.tsv");

    private CompatibilityLog() {
    }

    /**
     * @param engine TLS engine as named in the docs (e.g. {@code SunJSSE}, {@code BoringSSL (netty-tcnative)})
     * @param library client or server stack (e.g. {@code Netty 4.2 client}, {@code gRPC 1.85 client})
     * @param jdk feature version of the JVM that ran the case, e.g. {@code 17}
     * @param scenario what the peer did wrong, e.g. {@code certificate_expired}
     * @param expectedCause the cause the test requires
     * @param actualCause the cause of the one event, or {@code none}
     * @param captured what that event carried
     */
    public static synchronized void record(String engine, String library, String jdk, String scenario,
            String expectedCause, String actualCause, Set<Captured> captured) {
        String line = String.join("\t", engine, library, jdk, scenario, expectedCause, actualCause,
                String.join(",", names(captured))) + "\n";
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.write(RESULTS, line.getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(Set<Captured> captured) {
        Set<String> names = new TreeSet<>();
        for (Captured c : captured) {
            names.add(c.name().toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }
}
