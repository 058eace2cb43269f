package io.handshakedoctor.samples;

import java.lang.reflect.Method;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The server only has an ECDSA P-384 key; the client only accepts RSA signature schemes. Needs
 * per-connection SSLParameters.setSignatureSchemes (JDK 20+ API), called reflectively because the
 * samples compile for Java 11.
 */
final class NoSharedSignatureSchemeScenario extends TlsScenario {

    private static final Method SET_SIGNATURE_SCHEMES = findSetter();

    NoSharedSignatureSchemeScenario() {
        super("no_shared_signature_scheme_or_group",
                "server has only an ECDSA P-384 key, client signature schemes limited to rsa_* (JDK 20+)");
    }

    private static Method findSetter() {
        try {
            SSLParameters.class.getMethod("setNamedGroups", String[].class); // the 20+ marker
            return SSLParameters.class.getMethod("setSignatureSchemes", String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    protected String skipReason(Options options) {
        if (SET_SIGNATURE_SCHEMES == null) {
            return "needs JDK 20+";
        }
        // HttpClient copies only some fields of the SSLParameters it is given; signature schemes are dropped.
        return "http-client".equals(options.client()) ? "HttpClient does not pass SSLParameters signature schemes on" : null;
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(pki().leaf("localhost").ecKey("leaf-ec", "secp384r1").build());
    }

    @Override
    protected void configureClient(SSLParameters parameters, Options options) {
        try {
            SET_SIGNATURE_SCHEMES.invoke(parameters, (Object) new String[] {
                "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384"});
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters.setSignatureSchemes failed", e);
        }
    }
}
