package io.handshakedoctor.compatibility;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Writes docs/compatibility.md from the rows the integration tests recorded. Run by its own failsafe execution
 * in post-integration-test (see agent/pom.xml), so every other integration test has finished.
 */
class CompatibilityTableIT {
    private static final Path DOCS = Paths.get(System.getProperty("compatibility.docs", "../docs"));

    @Test
    void writesTheTableFromThisBuildsResults() throws Exception {
        int rows = CompatibilityTable.write(CompatibilityLog.RESULTS, DOCS);
        assertTrue(rows == 0 || Files.size(DOCS.resolve(CompatibilityTable.TABLE_FILE)) > 0);
    }
}
