package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.EOFException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ExceptionEnricherTest {

  @Test
  void aTransportFailureWrappedByJsseIsEnrichedOnTheIoExceptionTheSocketRethrows() {
    SocketException reset = new SocketException("Connection reset");
    assertSame(reset, ExceptionEnricher.target(new SSLException("Connection reset", reset)));
    EOFException eof = new EOFException();
    SSLHandshakeException terminated = new SSLHandshakeException("Remote host terminated the handshake");
    terminated.initCause(eof);
    assertSame(eof, ExceptionEnricher.target(terminated));
  }

  @Test
  void aTlsFailureIsEnrichedOnTheSslExceptionItself() {
    SSLHandshakeException pkix = new SSLHandshakeException("PKIX path validation failed");
    pkix.initCause(new CertificateException("validity check failed"));
    assertSame(pkix, ExceptionEnricher.target(pkix));
    SSLException outer = new SSLException("outer", new SSLHandshakeException("inner"));
    assertSame(outer, ExceptionEnricher.target(outer));
    SSLException plain = new SSLException("no cause");
    assertSame(plain, ExceptionEnricher.target(plain));
  }
}
