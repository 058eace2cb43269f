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
 * Failing handshakes per second, in memory: the work the agent exists for (capture, evidence,
 * diagnosis, enrichment of the exception, one JSON line per failure when run.sh sets
 * {@code events.file} and {@code dedup.interval=0}). Each operation fails both sides: the side
 * that detects the problem and the side that receives its alert.
 *
 * <ul>
 *   <li>{@code untrusted}: the client does not trust the server's certificate (TLS 1.3);
 *   <li>{@code no_common_protocol}: the client offers only TLS 1.3, the server accepts only 1.2.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FailingHandshakeBenchmark {
  @Param({"untrusted", "no_common_protocol"})
  public String failure;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Quiet.apply();
    EnginePair pair = failingPair(failure);
    if (pair.handshake() || pair.clientFailure == null) {
      throw new IllegalStateException("expected the client to fail: " + failure);
    }
  }

  static EnginePair failingPair(String failure) throws Exception {
    Pki pki = Pki.shared();
    switch (failure) {
      case "untrusted":
        return new EnginePair(pki.untrustingClient, pki.server, "TLSv1.3", "TLSv1.3");
      case "no_common_protocol":
        return new EnginePair(pki.trustingClient, pki.server, "TLSv1.3", "TLSv1.2");
      default:
        throw new IllegalArgumentException(failure);
    }
  }

  @Benchmark
  public Object failingHandshake() throws Exception {
    EnginePair pair = failingPair(failure);
    if (pair.handshake() || pair.clientFailure == null) {
      throw new IllegalStateException("expected the client to fail: " + failure);
    }
    return pair.clientFailure;
  }
}
