package io.handshakedoctor.external;

import io.handshakedoctor.testsupport.BuiltJars;
import static io.handshakedoctor.external.ExternalPki.APP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.handshakedoctor.testsupport.TestJdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Early warnings from successful handshakes with nginx, in a client JVM under the agent (JDK 17 and
 * 25): a certificate expiring in 5 days warns once, naming host, certificate and days left, and not
 * again within the interval; a TLS 1.2 RSA-key-exchange suite warns of no forward secrecy; a
 * certificate swapped for one from another issuer (nginx reloaded in between) warns of drift; and
 * {@code report <pid>} of the still-running client lists those peers with the right seconds left.
 */
class EarlyWarningsNginxIT {
  private static final int INTERVAL_SECONDS = 3;

  static List<TestJdk> jdks() {
    return TestJdk.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void warningsOnceEachAndTheReportListsThePeers(TestJdk jdk) throws Exception {
    Processes.requireTools(true);
    ExternalPki pki = ExternalPki.shared();
    Path dir = Files.createTempDirectory("hd-early-warnings-" + jdk);
    int expiring = Processes.freePort();
    int rsaKeyExchange = Processes.freePort();
    int drift = Processes.freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(dir, pki, expiring, rsaKeyExchange, drift, "app.fullchain.pem", "app.key"));
    Path errorLog = dir.resolve("error.log");
    Process nginx = Processes.start(Arrays.asList(Processes.nginx(), "-e", errorLog.toString(), "-p", dir.toString(), "-c", conf.toString(),
        "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + errorLog + ";"), dir, "nginx");
    Process client = null;
    try {
      for (int port : new int[] {expiring, rsaKeyExchange, drift}) {
        Processes.awaitPort(port, nginx, Duration.ofSeconds(15), "nginx " + Processes.read(errorLog));
      }
      // JDK 24+ disable TLS_RSA_* suites; this client re-enables them to see a server that needs them.
      Path security = dir.resolve("java.security");
      Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, "
          + "DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH\n");
      Path swapped = dir.resolve("swapped");
      Path finished = dir.resolve("finished");
      ForkedJvm jvm = new ForkedJvm(dir, "client");
      List<String> args = new ArrayList<>(Arrays.asList("--client", "socket", "--truststore", pki.file("both-roots.pem").toString()));
      for (int i = 0; i < 3; i++) {
        args.addAll(Arrays.asList("--url", "https://" + APP_HOST + ":" + expiring + "/"));
      }
      args.addAll(Arrays.asList("--url", "https://" + APP_HOST + ":" + rsaKeyExchange + "/"));
      args.addAll(Arrays.asList("--url", "https://" + APP_HOST + ":" + drift + "/"));
      args.addAll(Arrays.asList("--url", "https://" + APP_HOST + ":" + drift + "/", "--await", swapped.toString(),
          "--hold-until", finished.toString()));
      client = Processes.start(jvm.command(jdk, ForkedJvm.CONNECT, args, ",inventory.interval=" + INTERVAL_SECONDS,
          List.of("-Djava.security.properties=" + security)), jvm.dir, "jvm");
      Processes.awaitText(jvm.stdoutFile(), "https://" + APP_HOST + ":" + drift + "/: ", client, Duration.ofSeconds(60), "client");
      Instant firstDrift = Instant.now();

      // Another issuer's certificate on the same host and port, and past the interval.
      Files.writeString(conf, config(dir, pki, expiring, rsaKeyExchange, drift, "swapped.fullchain.pem", "swapped.key"));
      assertEquals(0, Processes.run(Arrays.asList("kill", "-HUP", Long.toString(nginx.pid())), dir, "reload", null, Duration.ofSeconds(10)));
      Thread.sleep(Math.max(1500, Duration.between(Instant.now(), firstDrift.plusSeconds(INTERVAL_SECONDS + 1)).toMillis()));
      Files.createFile(swapped);
      Processes.awaitText(jvm.stdoutFile(), "done", client, Duration.ofSeconds(60), "client");

      String context = jvm.describe() + "\n--- nginx error.log\n" + ForkedJvm.tail(Processes.read(errorLog), 2000);
      List<String> lines = Arrays.stream(jvm.stdout().split("\n")).filter(l -> l.contains("https://")).collect(Collectors.toList());
      assertEquals(6, lines.size(), context);
      for (String line : lines) {
        assertTrue(line.endsWith(": ok HTTP 200"), line + "\n" + context);
      }

      String text = report(jdk, client.pid(), dir, false);
      String json = report(jdk, client.pid(), dir, true);
      Instant reported = Instant.now();
      Files.createFile(finished);
      client.waitFor();
      context = jvm.describe() + "\n--- report\n" + text;

      List<Map<String, Object>> warnings = new ArrayList<>();
      for (Map<String, Object> e : jvm.events()) {
        if ("handshake_doctor.handshake.warning".equals(e.get("event.name"))) {
          warnings.add(e);
        }
      }
      Map<String, Object> expiry = only(warnings, expiring, "certificate_expiring", context);
      assertEquals(APP_HOST, expiry.get("server.address"), context);
      assertEquals(5.0, ((Number) expiry.get("handshake_doctor.certificate.days_left")).doubleValue(), context);
      assertEquals("CN=" + APP_HOST, expiry.get("handshake_doctor.certificate.subject"), context);
      String summary = (String) expiry.get("handshake_doctor.summary");
      assertTrue(summary.contains(APP_HOST + ":" + expiring) && summary.contains("CN=" + APP_HOST) && summary.contains("in 5 days"), summary);
      assertTrue(jvm.stderr().contains("certificate_expiring: The certificate of the server " + APP_HOST + ":" + expiring), context);

      Map<String, Object> secrecy = only(warnings, rsaKeyExchange, "no_forward_secrecy", context);
      assertEquals("TLS_RSA_WITH_AES_128_GCM_SHA256", secrecy.get("tls.cipher"), context);

      Map<String, Object> issuer = only(warnings, drift, "issuer_changed", context);
      assertTrue(((String) issuer.get("handshake_doctor.summary")).contains("now " + ExternalPki.SECOND_ROOT), issuer.toString());
      // Nothing else was wrong with these peers (nginx's default suites are ECDHE).
      assertEquals(3, warnings.size(), "exactly three warnings: " + warnings + "\n" + context);

      @SuppressWarnings("unchecked")
      Map<String, Object> report = new Gson().fromJson(json, Map.class);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> peers = (List<Map<String, Object>>) report.get("peers");
      assertEquals(3, peers.size(), json);
      Map<String, Object> first = peers.get(0);
      assertEquals((double) expiring, ((Number) first.get("port")).doubleValue(), "soonest expiry first: " + json);
      long secondsLeft = ((Number) first.get("seconds_left")).longValue();
      Instant generated = Instant.parse((String) report.get("generated_at"));
      assertEquals(Duration.between(generated, pki.expiringNotAfter).getSeconds(), secondsLeft, 1, json);
      assertTrue(generated.isBefore(reported.plusSeconds(1)));
      for (int port : new int[] {expiring, rsaKeyExchange, drift}) {
        assertTrue(text.contains("client -> " + APP_HOST + ":" + port), "text report lists port " + port + "\n" + text);
      }
      assertTrue(text.contains("WARNING no_forward_secrecy"), text);
      assertTrue(((String) first.get("ja4")).startsWith("t13d"), json);
    } finally {
      if (client != null) {
        client.destroyForcibly();
      }
      Processes.stop(nginx);
    }
  }

  private static Map<String, Object> only(List<Map<String, Object>> warnings, int port, String kind, String context) {
    List<Map<String, Object>> matching = new ArrayList<>();
    for (Map<String, Object> w : warnings) {
      Object p = w.get("server.port");
      if (kind.equals(w.get("handshake_doctor.warning")) && p instanceof Number && ((Number) p).intValue() == port) {
        matching.add(w);
      }
    }
    assertEquals(1, matching.size(), "one " + kind + " warning for port " + port + ": " + warnings + "\n" + context);
    return matching.get(0);
  }

  private static String report(TestJdk jdk, long pid, Path dir, boolean json) throws Exception {
    List<String> command = new ArrayList<>(Arrays.asList(jdk.java(), "-jar", BuiltJars.AGENT.toString(), "report", Long.toString(pid)));
    if (json) {
      command.add("--json");
    }
    String name = json ? "report-json" : "report-text";
    int exit = Processes.run(command, dir, name, null, Duration.ofSeconds(60));
    String out = Processes.read(dir.resolve(name + ".out"));
    assertEquals(0, exit, "report exited " + exit + ": " + out + Processes.read(dir.resolve(name + ".err")));
    return out;
  }

  private static String config(Path dir, ExternalPki pki, int expiring, int rsa, int drift, String driftCert, String driftKey) {
    StringBuilder c = new StringBuilder()
        .append("worker_processes 1;\nevents { worker_connections 64; }\nhttp {\n")
        .append("  access_log ").append(dir.resolve("access.log")).append(";\n");
    for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      c.append("  ").append(temp).append("_temp_path ").append(dir.resolve("temp-" + temp)).append(";\n");
    }
    c.append(server(pki, expiring, "expiring.fullchain.pem", "expiring.key", ""));
    c.append(server(pki, rsa, "app.fullchain.pem", "app.key", "ssl_protocols TLSv1.2; ssl_ciphers AES128-GCM-SHA256;"));
    c.append(server(pki, drift, driftCert, driftKey, ""));
    return c.append("}\n").toString();
  }

  private static String server(ExternalPki pki, int port, String cert, String key, String extra) {
    return "  server {\n"
        + "    listen 127.0.0.1:" + port + " ssl;\n"
        + "    server_name " + APP_HOST + ";\n"
        + "    ssl_certificate " + pki.file(cert) + ";\n"
        + "    ssl_certificate_key " + pki.file(key) + ";\n"
        + (extra.isEmpty() ? "" : "    " + extra + "\n")
        + "    location / { default_type text/plain; return 200 \"ok\\n\"; }\n"
        + "  }\n";
  }
}
