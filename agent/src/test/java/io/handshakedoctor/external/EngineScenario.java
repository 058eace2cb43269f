package io.handshakedoctor.external;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One row of an engine IT's scenario table: the {@code openssl} peer's options (files of the test PKI by name), the
 * cause the engine's one event must carry (null: the handshake succeeds, no event) and, for a client, an option its
 * connector reads (a protocol, or {@code url} for a request through HttpsURLConnection).
 */
final class EngineScenario {
  /** What a client engine meets from {@code openssl s_server}: its control and one server fault each. */
  static final List<EngineScenario> SERVER_FAULTS = Arrays.asList(
      new EngineScenario("control", null, "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key"),
      new EngineScenario("certificate_expired", "certificate_expired",
          "-cert", "expired.pem", "-cert_chain", "intermediate.pem", "-key", "expired.key"),
      new EngineScenario("self_signed", "untrusted_self_signed", "-cert", "rogue-ca.pem", "-key", "rogue-ca.key"),
      new EngineScenario("unknown_root", "untrusted_unknown_ca",
          "-cert", "rogue.pem", "-cert_chain", "rogue-ca.pem", "-key", "rogue.key"),
      new EngineScenario("incomplete_chain", "incomplete_chain", "-cert", "app.pem", "-key", "app.key"),
      new EngineScenario("wrong_host", "hostname_mismatch",
          "-cert", "other.fullchain.pem", "-cert_chain", "intermediate.pem", "-key", "other.key"),
      new EngineScenario("tls10_only_server", "no_common_protocol_version",
          "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"));

  /** A server that requires a client certificate from the test client CA, which the client does not have. */
  static final EngineScenario CLIENT_CERTIFICATE_REQUIRED = new EngineScenario("client_certificate_missing", "client_certificate_missing",
      "-cert", "app.pem", "-cert_chain", "intermediate.pem", "-key", "app.key",
      "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem");

  final String name;
  /** Null: the handshake succeeds and no event is written. */
  final String cause;
  final List<String> peerOptions;
  /** Null, or what the connector reads after {@code host:port:}. */
  final String clientOption;

  EngineScenario(String name, String cause, String... peerOptions) {
    this(name, cause, null, Arrays.asList(peerOptions));
  }

  private EngineScenario(String name, String cause, String clientOption, List<String> peerOptions) {
    this.name = name;
    this.cause = cause;
    this.clientOption = clientOption;
    this.peerOptions = peerOptions;
  }

  /** The same peer, reached by the client through {@code option} (a protocol, or {@code url}). */
  EngineScenario clientOption(String option) {
    return new EngineScenario(name, cause, option, peerOptions);
  }

  /** The cause as the compatibility table writes it. */
  String expected() {
    return cause == null ? "none" : cause;
  }

  /** {@code command} followed by the peer's options, the PKI's files as paths. */
  List<String> peerCommand(List<String> command, ExternalPki pki) {
    List<String> out = new ArrayList<>(command);
    for (String o : peerOptions) {
      out.add(o.endsWith(".pem") || o.endsWith(".key") ? pki.file(o).toString() : o);
    }
    return out;
  }

  /** Every JDK the tests fork with every scenario: the arguments of an engine IT's parameterized test. */
  static Stream<Arguments> onEveryJdk(List<EngineScenario> scenarios) {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (EngineScenario s : scenarios) {
        out.add(Arguments.of(jdk, s));
      }
    }
    return out.stream();
  }

  @Override
  public String toString() {
    return name;
  }
}
