package io.handshakedoctor.capture.bcjsse;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * The few things BouncyCastle JSSE keeps to itself and the agent reads anyway, by name, at failure
 * time only, tolerant of absence (checked against bctls 1.83): the host a connection was opened
 * for, the first bytes of the record a socket could not read, and where BC decided the alert it
 * sent. Nothing here names a BC type.
 */
final class BcJsseInternals {
  /** BC's {@code RecordFormat.FRAGMENT_OFFSET}: the header is type, version and length. */
  private static final int RECORD_HEADER = 5;
  private static final int MAX_TRUSTED_ISSUERS = 1000; // as for SunJSSE

  private BcJsseInternals() {}

  /** {@code ProvTlsManager.getPeerHost()}: the host the application asked for (not on SSLSocket). */
  static String peerHost(Object connection) {
    try {
      Method m = connection.getClass().getMethod("getPeerHost");
      m.setAccessible(true); // BC's socket classes are package-private
      Object host = m.invoke(connection);
      return host instanceof String ? (String) host : null;
    } catch (Throwable t) {
      return null; // an older or changed BC: the caller falls back to SNI
    }
  }

  /**
   * The header of the record a socket's {@code TlsProtocol} was reading when it failed
   * ({@code protocol.recordStream.inputRecord.buf}, while it is still the 5-byte header): the
   * peer's first bytes when the peer does not speak TLS. Null when unreadable, or when the record
   * got past its header (a TLS record whose content was wrong). An engine reads from the
   * application's buffers and keeps no header: null.
   */
  static byte[] failedRecordHeader(Object connection) {
    try {
      Object protocol = field(connection, "protocol");
      Object recordStream = field(protocol, "recordStream");
      Object record = field(recordStream, "inputRecord");
      Object buf = field(record, "buf");
      Object pos = field(record, "pos");
      if (!(buf instanceof byte[]) || !(pos instanceof Integer)) {
        return null;
      }
      byte[] header = (byte[]) buf;
      int filled = (Integer) pos;
      if (header.length != RECORD_HEADER || filled <= 0 || filled > RECORD_HEADER) {
        return null;
      }
      byte[] sample = new byte[filled];
      System.arraycopy(header, 0, sample, 0, filled);
      return sample;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The alert BC's decision means, where the alert it sent does not say it: TLS 1.2 has no
   * {@code certificate_required}, so BC's server sends {@code handshake_failure} when a client
   * that must authenticate sent no certificate; the exception is made in
   * {@code ProvTlsServer.notifyClientCertificate}, and its top frame says so.
   */
  static String impliedAlert(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      StackTraceElement[] frames = t.getStackTrace();
      if (frames.length > 0
          && frames[0].getClassName().endsWith(".ProvTlsServer")
          && "notifyClientCertificate".equals(frames[0].getMethodName())
          && t.getMessage() != null
          && t.getMessage().startsWith("handshake_failure")) {
        return "certificate_required";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /**
   * The subjects of the CAs this end's trust manager accepts ({@code
   * getContextData().getX509TrustManager().getAcceptedIssuers()}): the trust store the chain rules
   * compare a chain with, and what BC's server names in its CertificateRequest ({@code
   * ProvTlsServer.getCertificateRequest}), which passes through no hook. Null when unreadable.
   */
  static List<String> acceptedIssuers(Object connection) {
    List<String> names = new ArrayList<>();
    try {
      Method contextData = connection.getClass().getMethod("getContextData");
      contextData.setAccessible(true);
      Object data = contextData.invoke(connection);
      Method trustManager = data.getClass().getDeclaredMethod("getX509TrustManager");
      trustManager.setAccessible(true);
      Object manager = trustManager.invoke(data);
      if (!(manager instanceof X509TrustManager)) {
        return null;
      }
      X509Certificate[] issuers = ((X509TrustManager) manager).getAcceptedIssuers();
      if (issuers == null) {
        return null;
      }
      for (X509Certificate ca : issuers) {
        if (names.size() >= MAX_TRUSTED_ISSUERS) {
          break;
        }
        names.add(ca.getSubjectX500Principal().getName());
      }
      return names;
    } catch (Throwable t) {
      return null; // an older or changed BC: the issuers stay unknown
    }
  }

  /** The field of that name on the object's class or a superclass, or null. */
  private static Object field(Object target, String name) throws IllegalAccessException {
    if (target == null) {
      return null;
    }
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          f.setAccessible(true);
          return f.get(target);
        }
      }
    }
    return null;
  }
}
