package io.handshakedoctor.capture.jsse;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The trust and key managers of a SunJSSE context ({@code SSLContextImpl}), and what they will
 * say through their public interfaces: the trust store's issuers, the key types a key manager
 * holds. Asked at failure time (or once per due peer record), never per handshake.
 */
final class JsseManagers {
  private static final int MAX_TRUSTED_ISSUERS = 1000;
  private static final String[] KEY_TYPES = {"RSA", "EC", "RSASSA-PSS", "EdDSA", "DSA"};

  private final JsseFields fields = new JsseFields();

  /** The context's trust manager (whatever the application installed), or null. */
  Object trustManager(Object sslContext) {
    return fields.call(sslContext, "getX509TrustManager");
  }

  /** Subjects of the trust store's certificates (at most 1000); null when the manager will not say. */
  List<String> trustedIssuers(Object sslContext) {
    Object trustManager = trustManager(sslContext);
    if (!(trustManager instanceof X509TrustManager)) {
      return null;
    }
    try {
      X509Certificate[] issuers = ((X509TrustManager) trustManager).getAcceptedIssuers();
      if (issuers == null) {
        return null;
      }
      List<String> out = new ArrayList<>(Math.min(issuers.length, MAX_TRUSTED_ISSUERS));
      for (X509Certificate issuer : issuers) {
        if (out.size() >= MAX_TRUSTED_ISSUERS) {
          break;
        }
        out.add(issuer.getSubjectX500Principal().getName());
      }
      return out;
    } catch (RuntimeException e) {
      return null; // a custom trust manager that will not say
    }
  }

  /** Which key algorithms the key manager can offer on this side (asked by type, at failure). */
  List<String> keyTypes(Object sslContext, boolean client) {
    Object keyManager = fields.call(sslContext, "getX509KeyManager");
    if (!(keyManager instanceof X509KeyManager)) {
      return null;
    }
    X509KeyManager km = (X509KeyManager) keyManager;
    List<String> out = new ArrayList<>();
    try {
      for (String type : KEY_TYPES) {
        String[] aliases = client ? km.getClientAliases(type, null) : km.getServerAliases(type, null);
        if (aliases != null && aliases.length > 0) {
          out.add(type);
        }
      }
    } catch (RuntimeException e) {
      return null; // a custom key manager that will not say
    }
    return out;
  }
}
