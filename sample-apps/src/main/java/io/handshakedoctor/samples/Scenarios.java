package io.handshakedoctor.samples;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Every scenario, in the order {@code all} and {@code list} show them. */
final class Scenarios {

    private Scenarios() {
    }

    static List<Scenario> all() {
        return Arrays.asList(
                new ControlScenario(),
                new NoCommonCipherSuiteScenario(),
                new NoCommonProtocolVersionScenario(),
                new ProtocolDisabledByLocalPolicyScenario(),
                new ServerCertificateScenario("certificate_expired",
                        "leaf from the trusted CA expired 30 days ago",
                        pki -> pki.leaf("localhost").validBetween(daysFromNow(-60), daysFromNow(-30)).build()),
                new ServerCertificateScenario("certificate_not_yet_valid",
                        "leaf from the trusted CA only becomes valid in 30 days",
                        pki -> pki.leaf("localhost").validBetween(daysFromNow(30), daysFromNow(60)).build()),
                new ServerCertificateScenario("hostname_mismatch",
                        "leaf's only SAN is DNS:api.example.com, client connects to localhost with HTTPS endpoint identification",
                        pki -> pki.leaf("api.example.com").onlyDnsNames("api.example.com").build()),
                new ServerCertificateScenario("untrusted_self_signed",
                        "self-signed leaf; the client trusts only an unrelated CA",
                        pki -> pki.leaf("localhost").selfSigned().build()),
                new ServerCertificateScenario("untrusted_unknown_ca",
                        "server sends leaf + " + TestPki.UNKNOWN_ROOT_CA + ", which the client does not trust",
                        pki -> {
                            TestPki.Credential root = pki.unknownRootCa();
                            TestPki.Credential leaf = pki.leaf("localhost").issuedBy(root).build();
                            return leaf.sending(leaf.certificate(), root.certificate());
                        }),
                new ServerCertificateScenario("incomplete_chain",
                        "server sends only its leaf (issued by an intermediate); client trusts the root only",
                        pki -> {
                            TestPki.Credential leaf = pki.leaf("localhost").build();
                            return leaf.sending(leaf.certificate());
                        }),
                new ServerCertificateScenario("weak_certificate_algorithm",
                        "leaf signed with MD5withRSA, rejected by jdk.certpath.disabledAlgorithms",
                        pki -> pki.leaf("localhost").signedWith("MD5withRSA").build()),
                new CertificateRevokedScenario(),
                new ServerCertificateScenario("certificate_usage_not_permitted",
                        "server leaf's extended key usage is clientAuth only (no serverAuth)",
                        pki -> pki.leaf("localhost").extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).build()),
                new SniMissingScenario(),
                new SniUnrecognizedNameScenario(),
                new MisbehavingPeerScenario("non_tls_peer",
                        "plain TCP server answering 'HTTP/1.1 400 Bad Request' to the ClientHello",
                        MisbehavingTcpServer.Behavior.PLAIN_HTTP),
                new MisbehavingPeerScenario("connection_reset_during_handshake",
                        "TCP server reads the ClientHello then resets the connection (SO_LINGER 0)",
                        MisbehavingTcpServer.Behavior.RESET_AFTER_CLIENT_HELLO),
                new MisbehavingPeerScenario("handshake_timeout",
                        "TCP server accepts and never answers; client gives up after --timeout-ms",
                        MisbehavingTcpServer.Behavior.SILENT),
                new ServerCertificateScenario("tls_interception_suspected",
                        "server chain issued by '" + TestPki.INTERCEPTION_CA + "' which the client does not trust",
                        pki -> {
                            TestPki.Credential proxyCa = pki.interceptionCa();
                            TestPki.Credential leaf = pki.leaf("localhost").issuedBy(proxyCa).build();
                            return leaf.sending(leaf.certificate(), proxyCa.certificate());
                        }),
                ClientCertificateScenario.missing(),
                ClientCertificateScenario.rejected(),
                new AlpnMismatchScenario(),
                new NoSharedSignatureSchemeScenario(),
                new LocalCredentialsMissingScenario(),
                new SslV2ClientHelloScenario(),
                new WeakEphemeralDhScenario(),
                new ClientRenegotiationRefusedScenario());
    }

    static Scenario named(String name) {
        for (Scenario scenario : all()) {
            if (scenario.name().equals(name)) {
                return scenario;
            }
        }
        return null;
    }

    private static Instant daysFromNow(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }
}
