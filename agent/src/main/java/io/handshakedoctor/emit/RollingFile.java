package io.handshakedoctor.emit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file capped in size, rolled over like logback's fixed-window policy: when the next
 * line would take {@code file} past {@code maxBytes}, {@code file.N-1} becomes {@code file.N} (the
 * oldest, {@code file.N}, is deleted), ..., {@code file} becomes {@code file.1}, and a new {@code
 * file} starts. At most {@code maxBytes * (keep + 1)} bytes on disk. Not thread-safe.
 */
final class RollingFile {
  /** Opens the file for appending; replaceable by tests to simulate a disk that fills up. */
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  static final Opener FILES =
      file -> Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

  private final Path file;
  private final long maxBytes;
  private final int keep;
  private final Opener opener;
  private OutputStream out;
  private long size;

  RollingFile(Path file, long maxBytes, int keep, Opener opener) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.opener = opener;
  }

  /** Appends one line (a newline is added), rolling over first when it would pass the cap. */
  void append(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      open();
    }
    if (size > 0 && size + bytes.length > maxBytes) {
      rollOver();
    }
    out.write(bytes);
    out.flush();
    size += bytes.length;
  }

  /** Closes the stream after a failure, so the next append opens the file afresh. */
  void reset() {
    OutputStream o = out;
    out = null;
    if (o != null) {
      try {
        o.close();
      } catch (IOException | RuntimeException ignored) {
        // the stream is already broken; the next append reopens
      }
    }
  }

  private void open() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = opener.open(file);
    size = Files.exists(file) ? Files.size(file) : 0;
  }

  private void rollOver() throws IOException {
    reset();
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(numbered(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(numbered(i))) {
          Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private Path numbered(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }
}
