package io.handshakedoctor.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.handshakedoctor.compatibility.Captured;
import io.handshakedoctor.compatibility.CompatibilityLog;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Netty 4.2 server on netty-tcnative's BoringSSL requiring a client certificate, under the agent,
 * facing {@code openssl s_client} clients that each get one thing wrong, on JDK 17 and 25: one
 * forked server per JDK; the clients run one after the other and each one's events are those the
 * server wrote while it ran.
 */
class NettyTcnativeServerIT {
  private static final String LIBRARY = "Netty 4.2 server";

  /** s_client's options (files from the test PKI) and the cause of the server's one event. */
  private static final List<String[]> CASES = Arrays.asList(
      new String[] {"control", null, "-cert", "client.pem", "-key", "client.key"},
      new String[] {"no_client_certificate", "client_certificate_missing"},
      new String[] {"untrusted_client_certificate", "client_certificate_rejected", "-cert", "rogue.pem", "-key", "rogue.key"},
      new String[] {"tls10_only_client", "no_common_protocol_version", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"});

  @Test
  void eachBadClientGetsOneEventWithItsCause() throws Exception {
    Processes.requireTools(false);
    ExternalPki pki = ExternalPki.shared();
    Path dir = Files.createTempDirectory("hd-tcnative-server");
    Path noInput = Files.createFile(dir.resolve("empty-stdin"));
    List<String> failures = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      ForkedJvm jvm = new ForkedJvm(dir, "netty-tcnative-server-" + jdk);
      int port = Processes.freePort();
      List<String> command = jvm.command(jdk, NettyTcnativeServe.class.getName(), Arrays.asList(
          String.valueOf(port), pki.file("app.fullchain.pem").toString(), pki.file("app.key").toString(), pki.file("client-ca.pem").toString()));
      command.set(command.indexOf("-cp") + 1, NettyTcnativeClientIT.applicationClassPath());
      Process server = Processes.start(command, jvm.dir, "jvm");
      try {
        Processes.awaitText(jvm.stdoutFile(), "listening", server, Duration.ofSeconds(60), "Netty server on " + jdk);
        for (String[] c : CASES) {
          int before = jvm.events().size();
          List<String> client = new ArrayList<>(Arrays.asList(Processes.openssl(), "s_client", "-connect", "127.0.0.1:" + port,
              "-servername", ExternalPki.APP_HOST));
          for (int i = 2; i < c.length; i++) {
            client.add(c[i].endsWith(".pem") || c[i].endsWith(".key") ? pki.file(c[i]).toString() : c[i]);
          }
          Processes.run(client, jvm.dir, "s_client-" + c[0], noInput, Duration.ofSeconds(20));
          List<Map<String, Object>> events = awaitEvents(jvm, before, c[1] == null ? 1500 : 10_000);
          String expected = c[1] == null ? "none" : c[1];
          String actual = events.size() == 1 ? String.valueOf(events.get(0).get("handshake_doctor.cause")) : events.isEmpty() ? "none" : "several";
          CompatibilityLog.record(NettyTcnativeClientIT.ENGINE, LIBRARY, String.valueOf(jdk.feature()), c[0], expected, actual,
              events.size() == 1 ? io.handshakedoctor.compatibility.EventCaptures.of(events.get(0)) : EnumSet.noneOf(Captured.class));
          boolean right = c[1] == null ? events.isEmpty()
              : events.size() == 1 && "server".equals(events.get(0).get("handshake_doctor.side")) && expected.equals(actual);
          if (!right) {
            failures.add(jdk + " " + c[0] + ": expected " + expected + ", got " + events);
          }
        }
      } finally {
        Processes.stop(server);
      }
      if (!failures.isEmpty()) {
        failures.add(jvm.describe());
      }
    }
    assertEquals(List.of(), failures);
  }

  /** The events written since {@code before}, once one arrived (or the wait ended) and a moment more for extras. */
  private static List<Map<String, Object>> awaitEvents(ForkedJvm jvm, int before, long waitMillis) throws Exception {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (jvm.events().size() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300);
    List<Map<String, Object>> all = jvm.events();
    return all.subList(before, all.size());
  }
}
