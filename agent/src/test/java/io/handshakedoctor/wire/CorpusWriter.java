package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * Regenerates the seed files in src/test/resources/wire/corpus from real JSSE handshakes.
 * Skipped unless run with {@code -Dwire.corpus.out=<directory>}.
 */
class CorpusWriter {
  @Test
  void writeCorpus() throws Exception {
    String out = System.getProperty("wire.corpus.out");
    assumeTrue(out != null, "set -Dwire.corpus.out to regenerate the corpus");
    Path dir = Paths.get(out);
    Files.createDirectories(dir);

    JsseHandshake.Capture tls13 = JsseHandshake.run(client("TLSv1.3", "TLSv1.2"), JsseHandshake.server());
    Files.write(dir.resolve("client-hello-tls13.bin"), firstRecord(tls13.clientBytes()));
    Files.write(dir.resolve("server-hello-tls13.bin"), firstRecord(tls13.serverBytes()));

    JsseHandshake.Capture tls12 = JsseHandshake.run(client("TLSv1.2"), JsseHandshake.server());
    Files.write(dir.resolve("client-hello-tls12.bin"), firstRecord(tls12.clientBytes()));
    Files.write(dir.resolve("server-hello-tls12.bin"), firstRecord(tls12.serverBytes()));
    Files.write(dir.resolve("server-flight-tls12.bin"), tls12.serverBytes());

    SSLEngine client = client("TLSv1.3");
    client.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
    SSLEngine server = JsseHandshake.server();
    server.setEnabledCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384"});
    JsseHandshake.Capture failed = JsseHandshake.run(client, server);
    Files.write(dir.resolve("alert-handshake-failure.bin"), failed.serverBytes());

    Files.write(dir.resolve("http-response.bin"),
        "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html>"
            .getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("sslv2-client-hello.bin"), RecordLayerTest.sslv2Hello());
  }

  private static SSLEngine client(String... protocols) throws Exception {
    SSLEngine client = JsseHandshake.client();
    SSLParameters params = client.getSSLParameters();
    params.setProtocols(protocols);
    params.setServerNames(List.of(new javax.net.ssl.SNIHostName("server.example.com")));
    params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    client.setSSLParameters(params);
    return client;
  }

  private static byte[] firstRecord(byte[] raw) {
    int length = 5 + (((raw[3] & 0xFF) << 8) | (raw[4] & 0xFF));
    return java.util.Arrays.copyOf(raw, Math.min(length, raw.length));
  }
}
