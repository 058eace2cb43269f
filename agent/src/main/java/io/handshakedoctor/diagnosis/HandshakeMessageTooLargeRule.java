package io.handshakedoctor.diagnosis;

import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer sent a handshake message larger than JSSE accepts ({@code jdk.tls.maxHandshakeMessageSize},
 * 32,768 bytes by default) or a certificate chain longer than it accepts ({@code
 * jdk.tls.maxCertificateChainLength}, 10 by default). Typical senders: a server with a huge chain
 * or a CertificateRequest listing hundreds of accepted CAs, a client with an oversized hello.
 */
final class HandshakeMessageTooLargeRule implements DiagnosisRule {
  private static final Pattern MESSAGE_SIZE =
      Pattern.compile("size of the handshake message \\((\\d+)\\) exceeds the maximum allowed size \\((\\d+)\\)");
  private static final Pattern CHAIN_LENGTH =
      Pattern.compile("certificate chain length \\((\\d+)\\) exceeds the maximum allowed length \\((\\d+)\\)");

  @Override
  public Optional<Diagnosis> apply(HandshakeEvidence e, Failures f) {
    Matcher size = f.find(MESSAGE_SIZE);
    Matcher chain = size == null ? f.find(CHAIN_LENGTH) : null;
    if (size == null && chain == null) {
      return Optional.empty();
    }
    String peer = Facts.peerRole(e);
    Diagnosis.Builder d =
        Diagnosis.builder(Cause.HANDSHAKE_MESSAGE_TOO_LARGE)
            .confidence(Confidence.HIGH)
            .evidence(Facts.common(e))
            .responsibleParty(Diagnosis.UNKNOWN_PARTY);
    if (size != null) {
      long bytes = Long.parseLong(size.group(1));
      String what = likelyMessage(e);
      d.summary(capitalised(peer) + " sent a handshake message of " + bytes + " bytes (" + what + "); this JVM accepts at most "
              + size.group(2) + " bytes (jdk.tls.maxHandshakeMessageSize) and refused it.")
          .fix("Raise the limit on this JVM: -Djdk.tls.maxHandshakeMessageSize=" + roundUp(bytes)
              + ", or make the message smaller on " + peer
              + (e.side() == Side.CLIENT
                  ? " (send only the leaf and intermediates, not the root; list fewer accepted CAs in its client-certificate request)."
                  : " (fewer cipher suites, key shares or extensions in its ClientHello, a smaller session ticket)."))
          .evidence("JSSE: handshake message of " + bytes + " bytes, limit " + size.group(2));
    } else {
      long length = Long.parseLong(chain.group(1));
      d.summary(capitalised(peer) + " sent a certificate chain of at least " + length + " certificates; this JVM accepts at most "
              + chain.group(2) + " (jdk.tls.maxCertificateChainLength) and refused it.")
          .fix("Send a shorter chain from " + peer + " (leaf and intermediates only, no duplicates or unrelated certificates), "
              + "or raise the limit on this JVM: -Djdk.tls.maxCertificateChainLength=" + Math.max(length, Long.parseLong(chain.group(2)) * 2) + ".")
          .evidence("JSSE: certificate chain of " + length + " or more certificates, limit " + chain.group(2));
    }
    return Optional.of(d.build());
  }

  /** The message the peer was most likely sending, from where the handshake stood. */
  private static String likelyMessage(HandshakeEvidence e) {
    List<String> received = e.messagesReceived();
    if (e.side() == Side.SERVER) {
      return received.isEmpty() ? "its ClientHello" : "its certificate chain, most likely";
    }
    return received.contains("certificate")
        ? "its certificate request (the list of accepted CAs), most likely"
        : "its certificate chain or its certificate request, most likely";
  }

  private static long roundUp(long bytes) {
    long limit = 32768;
    while (limit < bytes) {
      limit *= 2;
    }
    return limit;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
