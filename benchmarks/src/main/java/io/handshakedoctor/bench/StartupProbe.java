package io.handshakedoctor.bench;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The trivial program whose JVM start-up run.sh times, with and without the agent.
 *
 * <ul>
 *   <li>{@code context} (the target's program): initialises the default SSLContext and exits;
 *   <li>{@code client-hello}: also creates a client SSLEngine and produces its ClientHello, which
 *       loads the JSSE classes the agent hooks (the cost of the first TLS connection).
 * </ul>
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "context";
    SSLContext context = SSLContext.getDefault();
    if (mode.equals("client-hello")) {
      SSLEngine engine = context.createSSLEngine("example.com", 443);
      engine.setUseClientMode(true);
      engine.beginHandshake();
      ByteBuffer out = ByteBuffer.allocate(1 << 15);
      engine.wrap(ByteBuffer.allocate(0), out);
      if (out.position() == 0) {
        throw new IllegalStateException("no ClientHello");
      }
    } else if (!mode.equals("context")) {
      throw new IllegalArgumentException(mode);
    }
  }
}
