package io.handshakedoctor.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Application data after the handshake: one 16 KiB record per operation, wrapped by the client
 * and unwrapped by the server (where the agent's only data-path hook sits). Multiply ops/s by
 * 16 KiB for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DataPathBenchmark {
  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol;

  private EnginePair pair;
  private final ByteBuffer record = ByteBuffer.allocate(16 * 1024);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Quiet.apply();
    pair = EnginePair.healthy(protocol);
    if (!pair.handshake()) {
      throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
    }
    for (int i = 0; i < record.capacity(); i++) {
      record.put(i, (byte) i);
    }
  }

  @Benchmark
  public void record16k() throws Exception {
    pair.clientToServer(record);
  }
}
