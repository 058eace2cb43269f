package io.handshakedoctor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.faultinjection.FaultInjectionJar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fault injected at each hook and stage of the real agent ({@code faultinjection.InjectedFaults},
 * which the agent loads from the jar its {@code decorators.jar} setting names): the host's handshakes end
 * exactly as without the agent (same output of the sample app), the fault is printed once, and the
 * shutdown summary counts it.
 */
class FaultIsolationIT {
  /** Stage, then the scenario and client path that reach it. */
  static final String[][] STAGES = {
    {"handshakeStarted", "certificate_expired", "socket"},
    {"outboundHandshakeMessage", "certificate_expired", "socket"},
    {"inboundHandshakeMessage", "certificate_expired", "socket"},
    {"certificatesChecking", "certificate_expired", "socket"},
    {"certificatesChecked", "hostname_mismatch", "engine"},
    // TLS 1.2: the client reads the server's alert before it could write again (in TLS 1.3 it may
    // get a broken pipe instead, with or without the agent).
    {"clientCredentialsChosen", "client_certificate_missing", "socket --protocol TLSv1.2"},
    {"fatalStarted", "no_common_protocol_version", "engine"},
    {"fatalThrown", "certificate_expired", "https-url-connection"},
    {"handshakeFinished", "control", "socket"},
    {"handshakeInterrupted", "handshake_timeout", "socket"},
    {"handshakeAbandoned", "connection_reset_during_handshake", "http-client"},
    {"engineUnwrapping", "certificate_expired", "engine"},
    {"transform", "certificate_expired", "socket"},
    {"evidence", "untrusted_unknown_ca", "socket"},
    {"diagnosis", "certificate_expired", "engine"},
    {"enrich", "certificate_expired", "socket"},
    {"output", "incomplete_chain", "http-client"},
  };

  private static final Map<String, String> BASELINES = new ConcurrentHashMap<>();

  static Stream<Arguments> stages() {
    List<Arguments> out = new ArrayList<>();
    List<String> javas = Forked.javas();
    for (String[] s : STAGES) {
      out.add(Arguments.of(s[0], s[1], s[2], javas.get(0)));
    }
    if (javas.size() > 1) { // the riskiest stages again on JDK 25
      for (String[] s : STAGES) {
        if (List.of("diagnosis", "evidence", "fatalThrown", "transform").contains(s[0])) {
          out.add(Arguments.of(s[0], s[1], s[2], javas.get(1)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ({1} --client {2}) {3}")
  @MethodSource("stages")
  void aFaultAtEachStageLeavesTheHandshakeAsWithoutTheAgentAndIsReportedOnce(
      String stage, String scenario, String client, String java) throws Exception {
    String key = java + " " + scenario + " " + client;
    String baseline = BASELINES.get(key);
    if (baseline == null) {
      baseline = Forked.samples(java, null, List.of(), args(scenario, client)).stdout;
      BASELINES.put(key, baseline);
    }
    Forked with = Forked.samples(java, "enrich=off,log=stderr", FaultInjectionJar.jvmOptions(stage), args(scenario, client));
    assertEquals(clientSide(baseline), clientSide(with.stdout), with::describe);
    assertTrue(with.stderr.contains(reached(stage)), "the fault was never reached:\n" + with.describe());
    assertEquals(1, Forked.count(with.stderr, "handshake-doctor: internal error ("), with::describe);
    assertEquals(1, Forked.count(with.stderr, "handshake-doctor: at shutdown: "), with::describe);
    for (String line : with.stderr.split("\n")) {
      assertTrue(line.isBlank() || line.startsWith("handshake-doctor: "),
          "only the agent's own lines may reach stderr:\n" + with.describe());
    }
  }

  /**
   * What the agent's internal-error line says when the fault was reached: the injected exception,
   * or for {@code transform} the weaver's refusal of a class file it cannot read.
   */
  private static String reached(String stage) {
    return stage.equals("transform")
        ? "handshake-doctor: internal error (instrumenting JSSE: "
        : FaultInjectionJar.message(stage);
  }

  /**
   * The scenario line up to the server's side: whether the server saw the client's alert or a
   * broken pipe depends on which side wrote first, with or without the agent.
   */
  private static String clientSide(String stdout) {
    StringBuilder out = new StringBuilder();
    for (String line : stdout.split("\n")) {
      int server = line.indexOf(" server: ");
      out.append(server >= 0 ? line.substring(0, server) : line).append('\n');
    }
    return out.toString();
  }

  /** The sample apps' arguments: the scenario, then {@code --client} and the client column's words. */
  private static String[] args(String scenario, String client) {
    List<String> args = new ArrayList<>(List.of(scenario, "--client"));
    args.addAll(List.of(client.split(" ")));
    return args.toArray(new String[0]);
  }
}
