package io.handshakedoctor.samples;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints real X.509 certificates in memory with BouncyCastle (used only as a certificate builder;
 * signing and parsing go through the JDK's own providers, so JSSE sees ordinary JDK objects).
 *
 * <p>Key pairs are generated once per name and reused, which keeps {@code all} fast.
 */
public final class TestPki {

    public static final String ROOT_CA = "CN=Handshake Doctor Test Root CA, O=handshake-doctor";
    public static final String INTERMEDIATE_CA = "CN=Handshake Doctor Test Intermediate CA, O=handshake-doctor";
    public static final String UNKNOWN_ROOT_CA = "CN=Unknown Root CA, O=Nobody You Know";
    public static final String UNRELATED_ROOT_CA = "CN=Unrelated Root CA, O=Somewhere Else";
    /** Looks like the root of a TLS-inspecting proxy, which is what corporate networks put in front of you. */
    public static final String INTERCEPTION_CA = "CN=Zscaler Root CA, OU=Zscaler Inc., O=Zscaler Inc., L=San Jose, ST=California, C=US";

    private static TestPki shared;

    private final Map<String, KeyPair> keyPairs = new HashMap<>();
    private final Map<String, Credential> authorities = new HashMap<>();
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

    /** One PKI per JVM: scenarios still get fresh SSLContexts, only keys and CAs are shared. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            shared = new TestPki();
        }
        return shared;
    }

    /** A private key with its certificate and the chain a server (or client) sends, leaf first. */
    public static final class Credential {
        private final PrivateKey privateKey;
        private final List<X509Certificate> chain;

        Credential(PrivateKey privateKey, List<X509Certificate> chain) {
            this.privateKey = privateKey;
            this.chain = Collections.unmodifiableList(new ArrayList<>(chain));
        }

        public PrivateKey privateKey() {
            return privateKey;
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** What the owner sends during the handshake, leaf first. */
        public List<X509Certificate> chain() {
            return chain;
        }

        /** Same key and leaf, but a different chain on the wire (e.g. leaf only, or leaf + root). */
        public Credential sending(X509Certificate... certificates) {
            return new Credential(privateKey, Arrays.asList(certificates));
        }
    }

    // ---- certificate authorities -------------------------------------------------------------

    /** The root every "healthy" client trusts. */
    public synchronized Credential rootCa() {
        return authority("root", () -> selfSignedCa(ROOT_CA, "root-ca"));
    }

    /** Issued by {@link #rootCa()}; issues the ordinary server leaves (chain sent: intermediate + root omitted). */
    public synchronized Credential intermediateCa() {
        return authority("intermediate", () -> {
            KeyPair keys = keyPair("intermediate-ca", "RSA", 2048);
            X509Certificate cert = new LeafSpec(this, INTERMEDIATE_CA)
                    .ca()
                    .issuedBy(rootCa())
                    .sign(keys);
            return new Credential(keys.getPrivate(), Collections.singletonList(cert));
        });
    }

    public synchronized Credential unknownRootCa() {
        return authority("unknown", () -> selfSignedCa(UNKNOWN_ROOT_CA, "unknown-ca"));
    }

    public synchronized Credential unrelatedRootCa() {
        return authority("unrelated", () -> selfSignedCa(UNRELATED_ROOT_CA, "unrelated-ca"));
    }

    public synchronized Credential interceptionCa() {
        return authority("interception", () -> selfSignedCa(INTERCEPTION_CA, "interception-ca"));
    }

    /** Get-or-create without computeIfAbsent: creating the intermediate needs the root (nested). */
    private Credential authority(String name, Supplier<Credential> create) {
        Credential existing = authorities.get(name);
        if (existing == null) {
            existing = create.get();
            authorities.put(name, existing);
        }
        return existing;
    }

    private Credential selfSignedCa(String subject, String keyName) {
        KeyPair keys = keyPair(keyName, "RSA", 2048);
        X509Certificate cert = new LeafSpec(this, subject).ca().selfSigned().sign(keys);
        return new Credential(keys.getPrivate(), Collections.singletonList(cert));
    }

    // ---- leaves --------------------------------------------------------------------------------

    /**
     * A server leaf with sensible defaults: SAN localhost, 127.0.0.1 and the demo host names,
     * valid from yesterday for 30 days, RSA 2048, SHA256withRSA, EKU serverAuth, issued by the intermediate.
     */
    public LeafSpec leaf(String commonName) {
        return new LeafSpec(this, "CN=" + commonName + ", O=handshake-doctor samples")
                .dnsNames("localhost", Options.APP_HOST, Options.OTHER_HOST)
                .ipAddresses("127.0.0.1")
                .issuedBy(intermediateCa());
    }

    /** A CRL from {@code issuer} that revokes the given certificates (reason keyCompromise). */
    public X509CRL crl(Credential issuer, X509Certificate... revoked) {
        try {
            Date now = new Date();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                    issuer.certificate().getSubjectX500Principal().getEncoded()), now);
            builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
            for (X509Certificate cert : revoked) {
                builder.addCRLEntry(cert.getSerialNumber(), new Date(now.getTime() - 60_000), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey());
            return new JcaX509CRLConverter().getCRL(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("could not build CRL", e);
        }
    }

    synchronized KeyPair keyPair(String name, String algorithm, int rsaBits) {
        return keyPairs.computeIfAbsent(name + "/" + algorithm + "/" + rsaBits, k -> generate(algorithm, rsaBits, null));
    }

    synchronized KeyPair ecKeyPair(String name, String curve) {
        return keyPairs.computeIfAbsent(name + "/EC/" + curve, k -> generate("EC", 0, curve));
    }

    private static KeyPair generate(String algorithm, int rsaBits, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(rsaBits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    BigInteger nextSerial() {
        return BigInteger.valueOf(serials.incrementAndGet());
    }

    /** Builder for one certificate; {@link #build()} returns the key and the chain to send. */
    public static final class LeafSpec {
        private final TestPki pki;
        private final String subject;
        private final List<GeneralName> subjectAltNames = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private String keyName = "leaf";
        private String keyAlgorithm = "RSA";
        private int rsaBits = 2048;
        private String ecCurve;
        private String signatureAlgorithm;
        private KeyPurposeId[] extendedKeyUsages = {KeyPurposeId.id_kp_serverAuth};
        private boolean ca;
        private Credential issuer;

        LeafSpec(TestPki pki, String subject) {
            this.pki = pki;
            this.subject = subject;
        }

        /** Replaces the default SANs. */
        public LeafSpec onlyDnsNames(String... names) {
            subjectAltNames.clear();
            return dnsNames(names);
        }

        public LeafSpec dnsNames(String... names) {
            for (String name : names) {
                subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
            }
            return this;
        }

        public LeafSpec ipAddresses(String... addresses) {
            for (String address : addresses) {
                subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
            }
            return this;
        }

        public LeafSpec validBetween(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** RSA key of the given size; keys are cached by name so distinct names give distinct keys. */
        public LeafSpec rsaKey(String name, int bits) {
            this.keyName = name;
            this.keyAlgorithm = "RSA";
            this.rsaBits = bits;
            return this;
        }

        public LeafSpec ecKey(String name, String curve) {
            this.keyName = name;
            this.keyAlgorithm = "EC";
            this.ecCurve = curve;
            return this;
        }

        /** Signature algorithm the issuer signs with, e.g. MD5withRSA; default SHA256withRSA/SHA256withECDSA. */
        public LeafSpec signedWith(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        public LeafSpec extendedKeyUsage(KeyPurposeId... usages) {
            this.extendedKeyUsages = usages;
            return this;
        }

        public LeafSpec issuedBy(Credential issuer) {
            this.issuer = issuer;
            return this;
        }

        public LeafSpec selfSigned() {
            this.issuer = null;
            return this;
        }

        LeafSpec ca() {
            this.ca = true;
            this.subjectAltNames.clear();
            this.extendedKeyUsages = null;
            this.notBefore = Instant.now().minus(Duration.ofDays(365));
            this.notAfter = Instant.now().plus(Duration.ofDays(3650));
            return this;
        }

        /** Key plus chain to send: the leaf, then the issuer's chain without its self-signed root. */
        public Credential build() {
            KeyPair keys = "EC".equals(keyAlgorithm)
                    ? pki.ecKeyPair(keyName, ecCurve)
                    : pki.keyPair(keyName, keyAlgorithm, rsaBits);
            X509Certificate cert = sign(keys);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (issuer != null) {
                for (X509Certificate c : issuer.chain()) {
                    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                        chain.add(c);
                    }
                }
            }
            return new Credential(keys.getPrivate(), chain);
        }

        X509Certificate sign(KeyPair subjectKeys) {
            try {
                X509Certificate issuerCert = issuer == null ? null : issuer.certificate();
                PrivateKey signingKey = issuer == null ? subjectKeys.getPrivate() : issuer.privateKey();
                X500Name subjectName = new X500Name(subject);
                X500Name issuerName = issuerCert == null ? subjectName
                        : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, pki.nextSerial(),
                        Date.from(notBefore), Date.from(notAfter), subjectName, subjectKeys.getPublic());
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
                if (issuerCert != null) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
                }
                if (ca) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    int usage = "EC".equals(keyAlgorithm) ? KeyUsage.digitalSignature
                            : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                }
                if (extendedKeyUsages != null) {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsages));
                }
                if (!subjectAltNames.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
                }
                String algorithm = signatureAlgorithm != null ? signatureAlgorithm
                        : "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
                ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
                return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            } catch (Exception e) {
                throw new IllegalStateException("could not build certificate " + subject, e);
            }
        }
    }
}
