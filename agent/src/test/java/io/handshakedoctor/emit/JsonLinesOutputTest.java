package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesOutputTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void theFileRollsOverAtItsCapKeepingTheConfiguredNumberOfOldFiles() throws IOException {
    Path file = dir.resolve("events.jsonl");
    JsonLinesOutput out = new JsonLinesOutput(file, 8192, 3, RollingFile.FILES, err, JsonLinesOutput.RETRY_NANOS);
    for (int i = 0; i < 400; i++) {
      out.write(Events.oldProtocolClient("127.0.0." + (i % 250)), 1);
    }
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertEquals(List.of("events.jsonl", "events.jsonl.1", "events.jsonl.2", "events.jsonl.3"), names);
    for (String name : names) {
      long size = Files.size(dir.resolve(name));
      assertTrue(size <= 8192, name + " is " + size + " bytes");
      for (String line : Files.readAllLines(dir.resolve(name))) {
        assertTrue(line.startsWith("{") && line.endsWith("}"), "whole lines only: " + line);
      }
    }
    assertTrue(Files.readAllLines(dir.resolve("events.jsonl.1")).size() > 1);
    assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aDiskThatFillsUpMidRunIsReportedOnceCountedAndWrittenAgainWhenItRecovers() throws Exception {
    Path file = dir.resolve("events.jsonl");
    AtomicBoolean full = new AtomicBoolean();
    RollingFile.Opener opener = path -> {
      OutputStream real = RollingFile.FILES.open(path);
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (full.get()) {
            throw new IOException("No space left on device");
          }
          real.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          real.close();
        }
      };
    };
    JsonLinesOutput out = new JsonLinesOutput(file, 1 << 20, 1, opener, err, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300));
    out.write(Events.ownCertificateExpired("127.0.0.1"), 1);
    full.set(true);
    for (int i = 0; i < 100; i++) {
      out.write(Events.oldProtocolClient("127.0.0.2"), 3);
    }
    String said = errBytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.contains("No space left on device") && said.contains("counted"), said);
    assertEquals(300, out.failuresNotWritten());
    full.set(false);
    out.write(Events.oldProtocolClient("127.0.0.3"), 1); // within the retry delay: still counted
    assertEquals(301, out.failuresNotWritten());
    Thread.sleep(400);
    out.write(Events.oldProtocolClient("127.0.0.4"), 1);
    assertEquals(2, Files.readAllLines(file).size(), "written again after the retry delay");
    assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("writable again; 301 failures"));
  }

  @Test
  void aRealFullDeviceIsReportedOnceAndEveryFailureCounted() {
    Path full = Path.of("/dev/full"); // Linux: every write fails with ENOSPC
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full));
    JsonLinesOutput out = new JsonLinesOutput(full, 1 << 20, 1, RollingFile.FILES, err, JsonLinesOutput.RETRY_NANOS);
    for (int i = 0; i < 1000; i++) {
      out.write(Events.oldProtocolClient("127.0.0.9"), 2);
    }
    String said = errBytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.contains("No space left on device"), said);
    assertEquals(2000, out.failuresNotWritten());
  }

  @Test
  void aSummaryLineCarriesItsCountItsPeersAndWhatTheyHadInCommonButNoSinglePeerAddress() throws IOException {
    Path file = dir.resolve("events.jsonl");
    JsonLinesOutput out = new JsonLinesOutput(file, 1 << 20, 1, RollingFile.FILES, err, JsonLinesOutput.RETRY_NANOS);
    BudgetedOutput budgeted = new BudgetedOutput(out, java.time.Duration.ofSeconds(60), 1);
    for (int i = 0; i < 40; i++) {
      budgeted.write(Events.oldProtocolClient("127.0.1." + i), 1);
    }
    budgeted.flush();
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    String summary = lines.get(1);
    assertTrue(summary.contains("\"" + Names.REPEAT_COUNT + "\":39"), summary);
    assertTrue(summary.contains("\"handshake_doctor.aggregate.peers.distinct\":39"), summary);
    assertTrue(summary.contains("\"handshake_doctor.aggregate.peers.estimated\":false"), summary);
    assertTrue(summary.contains("\"handshake_doctor.aggregate.common\":\"offered only TLSv1, TLSv1.1\""), summary);
    assertTrue(summary.contains("\"handshake_doctor.severity\":\"INFO\""), summary);
    assertTrue(!summary.contains("\"client.address\""), summary);
  }
}
