package io.handshakedoctor.samples;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Virtual-hosting server key manager: the certificate for {@code hostName} when the client asked
 * for it via SNI, otherwise a default certificate (like a load balancer's "default vhost").
 */
public final class SniSelectingKeyManager extends X509ExtendedKeyManager {

    private static final String NAMED = "sni-named";
    private static final String DEFAULT = "sni-default";

    private final String hostName;
    private final TestPki.Credential named;
    private final TestPki.Credential fallback;

    public SniSelectingKeyManager(String hostName, TestPki.Credential named, TestPki.Credential fallback) {
        this.hostName = hostName;
        this.named = named;
        this.fallback = fallback;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession session = socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
        return select(keyType, session);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return select(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    private String select(String keyType, SSLSession session) {
        String alias = DEFAULT;
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (name instanceof SNIHostName && hostName.equalsIgnoreCase(((SNIHostName) name).getAsciiName())) {
                    alias = NAMED;
                }
            }
        }
        // JSSE asks once per key type it could use; only answer for the type we actually hold.
        return credential(alias).privateKey().getAlgorithm().equals(keyType) ? alias : null;
    }

    private TestPki.Credential credential(String alias) {
        return NAMED.equals(alias) ? named : DEFAULT.equals(alias) ? fallback : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TestPki.Credential c = credential(alias);
        return c == null ? null : c.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TestPki.Credential c = credential(alias);
        return c == null ? null : c.privateKey();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {NAMED, DEFAULT};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }
}
