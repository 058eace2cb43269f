package io.handshakedoctor.bench;

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
 * Full healthy handshakes per second, client and server SSLEngine in one thread, in memory, no
 * resumption. Each operation is one complete handshake (both sides), TLS 1.3's session ticket
 * included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineHandshakeBenchmark {
  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Quiet.apply();
    EnginePair pair = EnginePair.healthy(protocol);
    if (!pair.handshake() || !protocol.equals(pair.client.getSession().getProtocol())) {
      throw new IllegalStateException("healthy handshake failed: " + pair.clientFailure + " / " + pair.serverFailure);
    }
  }

  @Benchmark
  public Object handshake() throws Exception {
    EnginePair pair = EnginePair.healthy(protocol);
    if (!pair.handshake()) {
      throw new IllegalStateException("healthy handshake failed", pair.clientFailure);
    }
    pair.invalidate();
    return pair;
  }
}
