package io.handshakedoctor.wire;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated inputs: no public method may throw, and all finish quickly. */
class HostileInputTest {
  private static final String[] CORPUS = {
    "client-hello-tls13.bin", "client-hello-tls12.bin", "server-hello-tls13.bin",
    "server-hello-tls12.bin", "server-flight-tls12.bin",
    "alert-handshake-failure.bin", "http-response.bin", "sslv2-client-hello.bin"
  };

  static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : CORPUS) {
      try (InputStream in = HostileInputTest.class.getResourceAsStream("/io/handshakedoctor/wire/WireFuzzTestInputs/records/" + name)) {
        if (in != null) {
          seeds.add(in.readAllBytes());
        }
      }
    }
    seeds.add(WireBytes.record(22, WireBytes.message(1, HandBuiltMessagesTest.clientHelloWithGrease())));
    seeds.add(RecordLayerTest.sslv2Hello());
    return seeds;
  }

  @Test
  void corpusSeedsAreOnTheClasspath() throws IOException {
    // seeds() adds two hand-built inputs to the files
    assertTrue(seeds().size() == CORPUS.length + 2, "corpus files missing");
  }

  @Test
  void randomAndMutatedBuffersNeverThrowAndFinishQuickly() throws IOException {
    List<byte[]> seeds = seeds();
    Random random = new Random(20240611L);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 0; i < 20_000; i++) {
        byte[] input = i % 2 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
        exerciseEverything(input);
      }
    });
  }

  @Test
  void recordPayloadsMutatedInsideTheirHandshakeMessagesNeverThrow() throws IOException {
    Random random = new Random(7L);
    for (byte[] seed : seeds()) {
      RecordStream stream = TlsRecordParser.parse(seed, 0, seed.length);
      for (HandshakeMessage message : stream.handshakeMessages()) {
        for (int i = 0; i < 500; i++) {
          byte[] body = mutate(message.body(), random);
          ClientHelloParser.parse(body);
          ServerHelloParser.parse(body);
          CertificateMessageParser.parse(body, i % 2 == 0);
          CertificateRequestParser.parse(body, i % 2 == 0);
        }
      }
    }
  }

  @Test
  void largeBuffersOfTinyRecordsAreLinear() {
    // 2 MB of empty handshake messages in 1-byte-header records: bounded lists, no blow-up.
    byte[] raw = new byte[2 << 20];
    for (int i = 0; i + 9 <= raw.length; i += 9) {
      raw[i] = 22;
      raw[i + 1] = 3;
      raw[i + 2] = 3;
      raw[i + 4] = 4;
      raw[i + 5] = 14;
    }
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      RecordStream stream = TlsRecordParser.parse(raw, 0, raw.length);
      assertTrue(stream.records().size() <= TlsRecordParser.MAX_RECORDS);
      assertTrue(stream.handshakeMessages().size() <= HandshakeMessages.MAX_MESSAGES);
    });
  }

  private static void exerciseEverything(byte[] input) {
    RecordStream stream = TlsRecordParser.parse(input, 0, input.length);
    stream.toString();
    PeerBytes.describe(input);
    ParsedMessages split = HandshakeMessages.split(input, 0, input.length);
    for (HandshakeMessage m : split.messages()) {
      ClientHelloParser.parse(m.body());
    }
    ClientHelloParser.parse(input);
    ServerHelloParser.parse(input);
    CertificateMessageParser.parse(input, true);
    CertificateMessageParser.parse(input, false);
    CertificateRequestParser.parse(input, true);
    CertificateRequestParser.parse(input, false);
    AlertParser.parse(input);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(600)];
    random.nextBytes(bytes);
    if (bytes.length > 5 && random.nextBoolean()) {
      bytes[0] = (byte) (20 + random.nextInt(5)); // make it past the first header check
      bytes[1] = 3;
      bytes[2] = (byte) random.nextInt(5);
    }
    return bytes;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] bytes = seed.clone();
    switch (random.nextInt(4)) {
      case 0:
        for (int k = 0; k < 1 + random.nextInt(8) && bytes.length > 0; k++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
      case 1:
        return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      case 2:
        if (bytes.length > 0) {
          int at = random.nextInt(bytes.length);
          bytes[at] = (byte) 0xFF; // lengths claiming far more than is there
          if (at + 1 < bytes.length) {
            bytes[at + 1] = (byte) 0xFF;
          }
        }
        return bytes;
      default:
        byte[] longer = Arrays.copyOf(bytes, bytes.length + random.nextInt(64));
        random.nextBytes(longer);
        System.arraycopy(bytes, 0, longer, 0, bytes.length / 2);
        return longer;
    }
  }
}
