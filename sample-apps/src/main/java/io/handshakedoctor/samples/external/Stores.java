package io.handshakedoctor.samples.external;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust and key material from files, as operators hand them to a JVM: PKCS12 (or JKS) stores, or
 * PEM files (certificates; a key file is one unencrypted PKCS#8 {@code PRIVATE KEY} followed or
 * preceded by its certificate chain, leaf first). The JDK's default factories judge them.
 */
final class Stores {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Stores() {
    }

    /** null paths mean the JDK defaults (cacerts, no client key). */
    static SSLContext context(String keystore, String truststore, char[] password) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keystore, password), trustManagers(truststore, password), null);
        return context;
    }

    static TrustManager[] trustManagers(String path, char[] password) throws Exception {
        if (path == null) {
            return null;
        }
        KeyStore store;
        if (isPem(path)) {
            store = emptyStore();
            int i = 0;
            for (Certificate c : certificates(path)) {
                store.setCertificateEntry("anchor-" + i++, c);
            }
        } else {
            store = load(path, password);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(String path, char[] password) throws Exception {
        if (path == null) {
            return null;
        }
        KeyStore store;
        if (isPem(path)) {
            List<X509Certificate> chain = certificates(path);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(path + ": no certificate next to the private key");
            }
            store = emptyStore();
            store.setKeyEntry("key", privateKey(path, chain.get(0)), password, chain.toArray(new X509Certificate[0]));
        } else {
            store = load(path, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static boolean isPem(String path) throws IOException {
        byte[] head = Files.readAllBytes(Paths.get(path));
        return new String(head, 0, Math.min(head.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    static List<X509Certificate> certificates(String path) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        // CertificateFactory skips text between PEM blocks but not a key block: keep certificate blocks only.
        StringBuilder certs = new StringBuilder();
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----")
                .matcher(Files.readString(Paths.get(path), StandardCharsets.US_ASCII));
        while (m.find()) {
            certs.append(m.group()).append('\n');
        }
        if (certs.length() == 0) {
            return out;
        }
        Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certs.toString().getBytes(StandardCharsets.US_ASCII)));
        for (Certificate c : parsed) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static PrivateKey privateKey(String path, X509Certificate leaf) throws Exception {
        Matcher m = PEM_KEY.matcher(Files.readString(Paths.get(path), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalArgumentException(path + ": no unencrypted PKCS#8 PRIVATE KEY block");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1).trim());
        String algorithm = leaf.getPublicKey().getAlgorithm();
        return KeyFactory.getInstance("EC".equals(algorithm) ? "EC" : algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static KeyStore load(String path, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            store.load(in, password);
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
