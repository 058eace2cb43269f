package io.handshakedoctor.emit;

import io.handshakedoctor.diagnosis.Cause;
import io.handshakedoctor.diagnosis.Diagnosis;
import io.handshakedoctor.evidence.ClientHelloSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Failure events as a scan produces them, built without JSSE. */
final class Events {
  private Events() {}

  /** A client that offered only old protocols, refused by this server: the client's problem. */
  static FailureEvent oldProtocolClient(String address) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.SERVER).peer(address, 40000)
        .clientHello(new ClientHelloSummary("TLSv1", List.of("TLSv1", "TLSv1.1"), List.of(), List.of(), null, null, null, null, false))
        .build();
    return new FailureEvent(e, Diagnosis.builder(Cause.PROTOCOL_DISABLED_BY_LOCAL_POLICY)
        .summary("The client only speaks TLSv1").fix("upgrade the client").responsibleParty(Diagnosis.CLIENT).build());
  }

  /** A client that sent plain HTTP to the TLS port. */
  static FailureEvent plainHttpClient(String address) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.SERVER).peer(address, 40000)
        .peerBytesSample("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)).build();
    return new FailureEvent(e, Diagnosis.builder(Cause.NON_TLS_PEER)
        .summary("The client sent HTTP").fix("use https").responsibleParty(Diagnosis.CLIENT).build());
  }

  /** This server's own certificate expired: this service must act. */
  static FailureEvent ownCertificateExpired(String address) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.SERVER).peer(address, 40000).build();
    return new FailureEvent(e, Diagnosis.builder(Cause.CERTIFICATE_EXPIRED)
        .summary("This server's certificate expired").fix("renew it").responsibleParty(Diagnosis.SERVER).build());
  }

  /** This JVM's own call to a server whose certificate expired. */
  static FailureEvent ownCallToExpiredServer(String host) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.CLIENT).peer(host, 443).build();
    return new FailureEvent(e, Diagnosis.builder(Cause.CERTIFICATE_EXPIRED)
        .summary("The server's certificate expired").fix("the server must renew").responsibleParty(Diagnosis.SERVER).build());
  }

  static FailureEvent serverSide(Cause cause, String party) {
    HandshakeEvidence e = HandshakeEvidence.builder(Side.SERVER).peer("192.0.2.1", 40000).build();
    return new FailureEvent(e, Diagnosis.builder(cause).summary("s").fix("f").responsibleParty(party).build());
  }
}
