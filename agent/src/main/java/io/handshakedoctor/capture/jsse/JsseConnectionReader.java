package io.handshakedoctor.capture.jsse;

import io.handshakedoctor.capture.ConnectionReader;
import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.LocalConfiguration;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * SunJSSE's live state, read from the objects its hooks hold: a connection's {@code
 * TransportContext} (its transport, configuration, session and record layer), a running {@code
 * HandshakeContext}, the key manager's {@code X509Possession} and JSSE's {@code Alert}. With {@link
 * JsseConfiguration}, {@link JsseManagers} and {@link JssePeerLocator} beside it, this package is
 * the one place the agent names JSSE's internals, so a JDK that renames one is fixed here.
 */
public final class JsseConnectionReader implements ConnectionReader {
  /** How much of a record's body {@link #lastSocketRecord} copies: enough for a plaintext alert. */
  private static final int LAST_RECORD_BODY_MAX = 16;
  /** JSSE's package, which java.base must open to the agent for these reads. */
  public static final String INTERNALS_PACKAGE = "sun.security.ssl";

  /** The reflective reads, set up at the first failure: the healthy path never reads through them. */
  private volatile JsseFields fields;
  private JsseConfiguration configuration; // guarded by this

  private JsseFields fields() {
    JsseFields f = fields;
    return f != null ? f : makeFields();
  }

  private synchronized JsseFields makeFields() {
    if (fields == null) {
      fields = new JsseFields();
    }
    return fields;
  }

  private synchronized JsseConfiguration configuration() {
    if (configuration == null) {
      configuration = new JsseConfiguration(fields());
    }
    return configuration;
  }

  /** The {@code TransportContext} of a SunJSSE engine or socket; null for other providers. */
  @Override
  public Object connectionOf(Object engineOrSocket) {
    return fields().field(engineOrSocket, "conContext");
  }

  @Override
  public boolean isClient(Object transportContext) {
    return fields().booleanField(fields().field(transportContext, "sslConfig"), "isClientMode");
  }

  @Override
  public boolean hasNegotiated(Object transportContext) {
    return fields().booleanField(transportContext, "isNegotiated");
  }

  @Override
  public String peerHost(Object transportContext) {
    Object transport = fields().field(transportContext, "transport");
    if (transport instanceof SSLEngine) {
      return ((SSLEngine) transport).getPeerHost();
    }
    Object host = fields().call(transport, "getPeerHost"); // SSLSocketImpl's, not on SSLSocket
    if (host instanceof String) {
      return (String) host;
    }
    if (transport instanceof Socket && ((Socket) transport).getInetAddress() != null) {
      return ((Socket) transport).getInetAddress().getHostAddress();
    }
    return null;
  }

  @Override
  public int peerPort(Object transportContext) {
    Object transport = fields().field(transportContext, "transport");
    if (transport instanceof SSLEngine) {
      return ((SSLEngine) transport).getPeerPort();
    }
    if (transport instanceof Socket) {
      int port = ((Socket) transport).getPort();
      return port == 0 ? -1 : port;
    }
    return -1;
  }

  @Override
  public SSLSession session(Object transportContext) {
    Object session = fields().field(transportContext, "conSession");
    return session instanceof SSLSession ? (SSLSession) session : null;
  }

  @Override
  public LocalConfiguration localConfiguration(Object transportContext, Object handshakeContext) {
    return configuration().read(transportContext, handshakeContext);
  }

  /** A TLS 1.3 CertificateRequest's authorities, which JSSE keeps on the handshake context. */
  @Override
  public List<String> requestedAuthorities(Object handshakeContext) {
    Object authorities = fields().field(handshakeContext, "peerSupportedAuthorities");
    if (!(authorities instanceof X500Principal[])) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (X500Principal p : (X500Principal[]) authorities) {
      out.add(p.getName());
    }
    return out;
  }

  @Override
  public X509Certificate[] chosenClientChain(Object possession) {
    Object certs = fields().field(possession, "popCerts");
    return certs instanceof X509Certificate[] ? (X509Certificate[]) certs : new X509Certificate[0];
  }

  @Override
  public String alertDescription(Object alert) {
    Object description = fields().field(alert, "description");
    if (description instanceof String) {
      return (String) description;
    }
    return alert instanceof Enum ? ((Enum<?>) alert).name().toLowerCase(Locale.ROOT) : null;
  }

  /** The read cipher's sequence number: the first 8 bytes of its authenticator's block. */
  @Override
  public long recordsReadUnderCurrentKeys(Object transportContext) {
    Object inputRecord = fields().field(transportContext, "inputRecord");
    Object readCipher = fields().field(inputRecord, "readCipher");
    Object authenticator = fields().field(readCipher, "authenticator");
    Object block = fields().field(authenticator, "block");
    if (!(block instanceof byte[]) || ((byte[]) block).length < 8) {
      return -1;
    }
    byte[] sequence = (byte[]) block;
    long n = 0;
    for (int i = 0; i < 8; i++) {
      n = (n << 8) | (sequence[i] & 0xff);
    }
    return n;
  }

  /** The header of the record JSSE could not read (a socket's peer bytes are not hooked). */
  @Override
  public byte[] firstPeerBytes(Object transportContext) {
    Object inputRecord = fields().field(transportContext, "inputRecord");
    Object header = fields().field(inputRecord, "header");
    return header instanceof byte[] ? ((byte[]) header).clone() : null;
  }

  @Override
  public AlertSummary plaintextAlertNamedIn(String failureMessage) {
    if (failureMessage == null) {
      return null;
    }
    Matcher m = PlaintextAlertWording.PATTERN.matcher(failureMessage);
    return m.find()
        ? AlertSummary.inClearWhereEncryptedExpected(m.group(2), !"warning".equalsIgnoreCase(m.group(1)))
        : null;
  }

  /** SSLSocketInputRecord keeps the last header and body after a failed decode (cleared, not erased). */
  @Override
  public byte[] lastSocketRecord(Object transportContext) {
    Object inputRecord = fields().field(transportContext, "inputRecord");
    Object header = fields().field(inputRecord, "header");
    Object body = fields().field(inputRecord, "recordBody");
    if (!(header instanceof byte[]) || ((byte[]) header).length != 5 || !(body instanceof ByteBuffer)) {
      return null;
    }
    byte[] h = (byte[]) header;
    ByteBuffer b = (ByteBuffer) body;
    int n = Math.min(Math.min(((h[3] & 0xFF) << 8) | (h[4] & 0xFF), b.capacity()), LAST_RECORD_BODY_MAX);
    byte[] out = Arrays.copyOf(h, h.length + n);
    for (int i = 0; i < n; i++) {
      out[h.length + i] = b.get(i);
    }
    return out;
  }

  /** JDK 25's wording for an alert in clear where an encrypted record was expected; compiled at the first failure. */
  private static final class PlaintextAlertWording {
    static final Pattern PATTERN =
        Pattern.compile("Unexpected plaintext alert received: Level: (\\w+); Alert: ([a-z_]+)");
  }
}
