package io.handshakedoctor.emit;

import io.handshakedoctor.capture.InternalErrorReporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per failure to the configured file, opened at the first failure. An
 * unwritable file is reported once and the output turns itself off; the host carries on.
 */
public final class JsonLinesOutput implements FailureOutput {
  private final Path file;
  private final InternalErrorReporter errors;
  private Writer writer;
  private boolean broken;

  public JsonLinesOutput(Path file, InternalErrorReporter errors) {
    this.file = file;
    this.errors = errors;
  }

  @Override
  public synchronized void write(FailureEvent event, long repeats) {
    if (broken) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("event.name", Names.EVENT);
    line.putAll(event.attributes());
    if (repeats > 1) {
      line.put(Names.REPEAT_COUNT, repeats);
    }
    try {
      if (writer == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        writer =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      writer.write(Json.object(line));
      writer.write('\n');
      writer.flush();
    } catch (IOException | RuntimeException e) {
      broken = true;
      errors.internalError("events file " + file + " is not writable; no more events go there", e);
    }
  }
}
