package io.handshakedoctor.samples;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Client key manager that offers its certificate no matter which CAs the server's
 * CertificateRequest lists. The JDK's own key managers would silently send nothing instead,
 * which would turn "certificate rejected" into "certificate missing".
 */
public final class AlwaysPresentingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final TestPki.Credential credential;

    public AlwaysPresentingKeyManager(TestPki.Credential credential) {
        this.credential = credential;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    private String choose(String[] keyTypes) {
        String algorithm = credential.privateKey().getAlgorithm();
        for (String keyType : keyTypes) {
            if (algorithm.equals(keyType)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? credential.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? credential.privateKey() : null;
    }
}
