package io.handshakedoctor.capture.jsse;

import io.handshakedoctor.capture.PeerLocator;
import java.lang.reflect.Field;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * SunJSSE's side of {@link PeerLocator}: plain field reads and public getters, each field looked up
 * once per class and cached, so a finished handshake costs a few loads and no allocation.
 */
public final class JssePeerLocator implements PeerLocator {
  private final CachedField transport = new CachedField("transport");
  private final CachedField sslConfig = new CachedField("sslConfig");
  private final CachedField isClientMode = new CachedField("isClientMode");
  private final CachedField session = new CachedField("conSession");
  private final CachedField sslContext = new CachedField("sslContext");
  private final CachedField socketPeerHost = new CachedField("peerHost");

  private final JsseManagers managers = new JsseManagers();

  @Override
  public boolean read(Object transportContext, Peer into) {
    into.set(false, null, -1, null, null, null, null);
    try {
      Object config = sslConfig.get(transportContext);
      Object t = transport.get(transportContext);
      Object s = session.get(transportContext);
      if (config == null || t == null || !(s instanceof SSLSession)) {
        return false;
      }
      boolean client = isClientMode.getBoolean(config);
      String host;
      int port;
      if (t instanceof SSLEngine) {
        SSLEngine engine = (SSLEngine) t;
        host = client ? engine.getPeerHost() : null;
        port = client ? engine.getPeerPort() : -1;
      } else if (t instanceof Socket) {
        Socket socket = (Socket) t;
        Object socketHost = client ? socketPeerHost.get(t) : null;
        host = socketHost instanceof String ? (String) socketHost : null;
        port = client ? socket.getPort() : socket.getLocalPort();
      } else {
        return false;
      }
      SSLSession ssl = (SSLSession) s;
      into.set(client, host, port, ssl.getProtocol(), ssl.getCipherSuite(), ssl, sslContext.get(transportContext));
      return true; // a client engine given no peer host is one peer, "unknown host"
    } catch (RuntimeException e) {
      return false; // a JDK whose fields differ: no inventory, the handshake is unaffected
    }
  }

  @Override
  public Object trustManager(Peer peer) {
    return managers.trustManager(peer.trustSource());
  }

  private static final class Binding {
    final Class<?> owner;
    final Field field;

    Binding(Class<?> owner, Field field) {
      this.owner = owner;
      this.field = field;
    }
  }

  /** One field by name, looked up for the first class it is read on (JSSE has one class each). */
  private static final class CachedField {
    private final String name;
    /** The class and its field, published together (a miss allocates; JSSE misses once). */
    private volatile Binding binding;

    CachedField(String name) {
      this.name = name;
    }

    Object get(Object target) {
      Field f = fieldFor(target);
      try {
        return f == null ? null : f.get(target);
      } catch (IllegalAccessException e) {
        return null;
      }
    }

    boolean getBoolean(Object target) {
      Field f = fieldFor(target);
      try {
        return f != null && f.getType() == boolean.class && f.getBoolean(target);
      } catch (IllegalAccessException e) {
        return false;
      }
    }

    private Field fieldFor(Object target) {
      if (target == null) {
        return null;
      }
      Class<?> type = target.getClass();
      Binding b = binding;
      if (b != null && b.owner == type) {
        return b.field;
      }
      Field found = JsseFields.lookUp(type, name);
      binding = new Binding(type, found);
      return found;
    }

  }
}
