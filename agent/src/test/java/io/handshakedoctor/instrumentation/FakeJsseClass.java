package io.handshakedoctor.instrumentation;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * TEST ONLY: methods shaped like the hooked JSSE ones (a first-call guard on a field, returns in
 * and out of a try block, a loop at the first instruction, wide locals, an escaping exception), for
 * {@link WovenCodeTest} to weave, load and run.
 */
public class FakeJsseClass {
  Exception closeReason;
  Object handshakeContext = "handshake context";
  int spins;

  /** Like {@code TransportContext.fatal}: the first call records and throws, later ones rethrow. */
  public Exception fatal(Object alert, String diagnostic, boolean received, Throwable cause)
      throws Exception {
    while (spins > 0) { // a jump target at the method's first instruction
      spins--;
    }
    if (closeReason != null) {
      throw closeReason;
    }
    long wide = 7L;
    double wider = 0.5;
    closeReason = new IOException(diagnostic + " " + wide + " " + wider, cause);
    throw closeReason;
  }

  /** Several returns, one inside a try block with a handler of the host's. */
  public String chain(String in) {
    try {
      if (in == null) {
        return "none";
      }
      if (in.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return in + "!";
    } catch (IllegalArgumentException e) {
      return "caught " + e.getMessage();
    }
  }

  /** Like {@code SSLSocketImpl.startHandshake(boolean)}: may time out. */
  public void handshake(boolean timeOut) throws IOException {
    if (timeOut) {
      throw new InterruptedIOException("read timed out");
    }
  }
}
