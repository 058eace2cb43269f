package io.handshakedoctor.samples;

import javax.net.ssl.SSLContext;

/**
 * The family of "the server's certificate is wrong": the client trusts only the test root and
 * verifies the host name; the server presents whatever certificate chain the scenario builds.
 */
final class ServerCertificateScenario extends TlsScenario {

    /** Builds the server's key and the chain it sends. */
    interface ServerCredential {
        TestPki.Credential build(TestPki pki) throws Exception;
    }

    private final ServerCredential credential;

    ServerCertificateScenario(String name, String description, ServerCredential credential) {
        super(name, description);
        this.credential = credential;
    }

    @Override
    protected SSLContext serverContext() throws Exception {
        return Tls.serverContext(credential.build(pki()));
    }
}
