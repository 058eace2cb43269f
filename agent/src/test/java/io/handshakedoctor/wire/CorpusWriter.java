package io.handshakedoctor.wire;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A tool, not a test: regenerates the record seeds of the fuzz corpus
 * ({@code src/test/resources/io/handshakedoctor/wire/WireFuzzTestInputs/records}, which {@link WireFuzzTest} replays
 * and {@link HostileInputTest} mutates) from real JSSE handshakes. Run from {@code agent/} after {@code mvn
 * test-compile}, on the test class path (target/test-classes, target/classes and BouncyCastle's bcprov and bcpkix):
 * {@code java -cp ... io.handshakedoctor.wire.CorpusWriter src/test/resources/io/handshakedoctor/wire/WireFuzzTestInputs/records}.
 */
public final class CorpusWriter {
  private CorpusWriter() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CorpusWriter <directory>");
      System.exit(2);
    }
    Path dir = Paths.get(args[0]);
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
