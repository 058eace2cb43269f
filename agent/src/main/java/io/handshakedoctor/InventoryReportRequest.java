package io.handshakedoctor;

import io.handshakedoctor.emit.InventoryReport;
import io.handshakedoctor.inventory.PeerInventory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The running agent's side of {@code report <pid>}: the launcher, attached again, calls {@link
 * #write} in the agent's class loader; the report goes to the file the command asked for.
 */
public final class InventoryReportRequest {
  private InventoryReportRequest() {}

  /** Writes the report ({@code json} or {@code text}) to {@code file}, atomically. */
  public static void write(String file, String format) throws java.io.IOException {
    PeerInventory inventory = AgentRuntime.inventory();
    String report =
        inventory == null
            ? ("json".equals(format)
                ? "{\"error\":\"the peer inventory is off in this JVM (inventory=false)\"}"
                : "handshake-doctor: the peer inventory is off in this JVM (inventory=false)\n")
            : "json".equals(format)
                ? InventoryReport.json(inventory, Instant.now())
                : InventoryReport.text(inventory, Instant.now());
    Path target = Paths.get(file);
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.write(partial, report.getBytes(StandardCharsets.UTF_8));
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
