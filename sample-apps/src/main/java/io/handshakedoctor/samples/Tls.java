package io.handshakedoctor.samples;

import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds SSLContexts from in-memory KeyStores using the JDK's standard factories. */
public final class Tls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private Tls() {
    }

    /** A server context presenting {@code credential}; trusts the JDK default CAs (irrelevant without client auth). */
    public static SSLContext serverContext(TestPki.Credential credential) throws Exception {
        return context(keyManagers(credential), null);
    }

    /** A client context with no key material that trusts exactly the given anchors. */
    public static SSLContext clientTrusting(X509Certificate... anchors) throws Exception {
        return context(null, trustManagers(anchors));
    }

    public static SSLContext context(KeyManager[] keyManagers, TrustManager[] trustManagers) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /** The JDK's SunX509 key manager over a one-entry PKCS12 store. */
    public static KeyManager[] keyManagers(TestPki.Credential credential) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
        factory.init(keyStore("key", credential), PASSWORD);
        return factory.getKeyManagers();
    }

    public static KeyStore keyStore(String alias, TestPki.Credential credential) throws Exception {
        KeyStore store = emptyStore();
        store.setKeyEntry(alias, credential.privateKey(), PASSWORD,
                credential.chain().toArray(new X509Certificate[0]));
        return store;
    }

    /** The JDK's PKIX trust manager, i.e. exactly what an application with a custom trust store gets. */
    public static TrustManager[] trustManagers(X509Certificate... anchors) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trustStore(anchors));
        return factory.getTrustManagers();
    }

    /**
     * PKIX trust manager with revocation checking against the given CRLs only. Configured per
     * context (no com.sun.net.ssl.checkRevocation system property), so it does not leak into
     * other scenarios of the same JVM; CRLs are preferred and OCSP is never tried (no network).
     */
    public static TrustManager[] revocationCheckingTrustManagers(X509CRL crl, X509Certificate... anchors) throws Exception {
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustStore(anchors), new X509CertSelector());
        parameters.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(Collections.singletonList(crl))));
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
        parameters.addCertPathChecker(revocation);
        parameters.setRevocationEnabled(true);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory.getTrustManagers();
    }

    public static KeyStore trustStore(X509Certificate... anchors) throws Exception {
        KeyStore store = emptyStore();
        for (int i = 0; i < anchors.length; i++) {
            store.setCertificateEntry("anchor-" + i, anchors[i]);
        }
        return store;
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
