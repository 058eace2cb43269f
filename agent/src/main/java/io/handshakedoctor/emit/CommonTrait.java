package io.handshakedoctor.emit;

import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import java.nio.charset.StandardCharsets;

/**
 * What failures of one cause have in common beyond the cause, so a summary can say it ("offered
 * only TLSv1, TLSv1.1", "sent plain HTTP"): the protocol versions a ClientHello offered, else the
 * kind of non-TLS bytes the peer sent, else nothing. Read from the event's evidence at failure time.
 */
final class CommonTrait {
  private static final String[] HTTP_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "OPTIONS ", "DELETE ", "CONNECT ", "PATCH ", "PRI "};

  private CommonTrait() {}

  /** A short phrase, or the empty string when the evidence holds nothing to group by. */
  static String of(FailureEvent event) {
    HandshakeEvidence e = event.evidence();
    ClientHelloSummary hello = e.clientHello();
    if (hello != null && !hello.offeredVersions().isEmpty()) {
      return "offered only " + String.join(", ", hello.offeredVersions());
    }
    byte[] sample = e.peerBytesSample();
    if (hello == null && sample != null && sample.length > 0 && e.messagesReceived().isEmpty()) {
      return looksLikeHttp(sample) ? "sent plain HTTP" : "sent bytes that are not TLS";
    }
    return "";
  }

  private static boolean looksLikeHttp(byte[] sample) {
    String start = new String(sample, 0, Math.min(sample.length, 16), StandardCharsets.ISO_8859_1);
    for (String method : HTTP_METHODS) {
      if (start.startsWith(method) || start.startsWith("HTTP/")) {
        return true;
      }
    }
    return false;
  }
}
