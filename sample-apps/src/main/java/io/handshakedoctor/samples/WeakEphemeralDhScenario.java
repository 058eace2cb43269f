package io.handshakedoctor.samples;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;

import javax.crypto.interfaces.DHKey;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A TLS 1.2 server offering only a DHE suite with a 1024-bit ephemeral group
 * ({@code jdk.tls.ephemeralDHKeySize=1024}, and no FFDHE named groups so the legacy size applies:
 * both read once by JSSE, so set here before the first handshake), against a client whose
 * application constraints refuse DH keys under 2048 bits.
 */
final class WeakEphemeralDhScenario extends TlsScenario {

    private static final int CLIENT_MINIMUM_DH_BITS = 2048;

    WeakEphemeralDhScenario() {
        super("weak_ephemeral_dh_key",
                "TLS 1.2 DHE-only server with jdk.tls.ephemeralDHKeySize=1024; the client refuses DH keys under 2048 bits (ignores --protocol)");
    }

    @Override
    public ScenarioResult run(Options options) throws Exception {
        System.setProperty("jdk.tls.ephemeralDHKeySize", "1024");
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1,secp384r1");
        return super.run(options);
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").build());
    }

    @Override
    protected void configureServer(SSLParameters parameters, Options options) {
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setCipherSuites(new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"});
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setAlgorithmConstraints(new MinimumDhKeySize());
    }

    /** Permits everything but Diffie-Hellman keys smaller than {@link #CLIENT_MINIMUM_DH_BITS}. */
    private static final class MinimumDhKeySize implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return !(key instanceof DHKey) || ((DHKey) key).getParams().getP().bitLength() >= CLIENT_MINIMUM_DH_BITS;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return permits(primitives, key);
        }
    }
}
