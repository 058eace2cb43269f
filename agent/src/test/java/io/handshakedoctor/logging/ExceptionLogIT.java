package io.handshakedoctor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.handshakedoctor.testsupport.TestJdk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real applications, each logging with its own framework, call a server whose certificate has
 * expired and log the exception at ERROR ({@code log.error("call failed", e)}), with and without
 * the agent, on every JDK and through three client stacks (SSLSocket with an implicit handshake
 * on the first write, HttpsURLConnection, java.net.http.HttpClient over SSLEngine, which wraps the
 * original exception in one of its own).
 */
class ExceptionLogIT {
  private static final String CAUSE = "certificate_expired";
  private static final List<String> CLIENTS = List.of("socket", "url", "http-client");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TestJdk jdk : TestJdk.all()) {
      for (LoggingApp app : List.of(LoggingApp.LOGBACK, LoggingApp.LOG4J2, LoggingApp.JUL)) {
        for (String client : CLIENTS) {
          out.add(Arguments.of(jdk, app, client));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void theLoggedExceptionExplainsItselfAndIsOtherwiseUnchanged(TestJdk jdk, LoggingApp app, String client)
      throws Exception {
    LoggingApp.Output without = app.run(jdk, client, null);
    String plainLog = app.log(without);
    String plainException = exceptionLine(plainLog);
    assertEquals(0, without.exitCode, without::describe);
    assertNotNull(plainException, without::describe);
    assertTrue(plainException.startsWith("javax.net.ssl.SSLHandshakeException: "), without::describe);
    assertFalse(plainLog.contains("handshake-doctor"), without::describe);

    // Default: a suppressed exception carries the diagnosis; the exception line is unchanged.
    LoggingApp.Output with = app.run(jdk, client, "");
    String log = app.log(with);
    Supplier<String> both = () -> "with the agent:\n" + with.describe() + "\n\nwithout:\n" + without.describe();
    assertEquals(0, with.exitCode, both);
    assertEquals(plainException, exceptionLine(log), both);
    String suppressed = lineStartingWith(log, "\tSuppressed: java.lang.Exception: handshake-doctor: " + CAUSE + ": ");
    assertNotNull(suppressed, both);
    assertTrue(suppressed.contains("; fix: "), both);
    assertEquals(1, count(log, "\tSuppressed: java.lang.Exception: handshake-doctor: "), both);
    // The agent's own line went through the application's logging (its pattern, its stream):
    // SLF4J for logback and log4j2, System.Logger (JUL) for the JUL app.
    String agentLine =
        lineStartingWith(log, app.warnLevel + " handshake.doctor - handshake-doctor: TLS client handshake with localhost:");
    assertNotNull(agentLine, both);
    assertTrue(agentLine.contains(" failed: " + CAUSE + " ") && agentLine.contains("; fix: "), both);
    assertFalse(with.stderr.contains("SLF4J"), both);

    // enrich=off and log=off: the log is byte for byte the one without the agent.
    LoggingApp.Output off = app.run(jdk, client, "enrich=off,log=off");
    Supplier<String> offAndWithout = () -> "enrich=off,log=off:\n" + off.describe() + "\n\nwithout:\n" + without.describe();
    assertEquals(comparable(client, without.stdout), comparable(client, off.stdout), offAndWithout);
    assertEquals(comparable(client, without.stderr), comparable(client, off.stderr), offAndWithout);

    // enrich=off alone: the same, plus the agent's own handshake.doctor line(s).
    LoggingApp.Output offLogged = app.run(jdk, client, "enrich=off");
    Supplier<String> offLoggedAndWithout =
        () -> "enrich=off:\n" + offLogged.describe() + "\n\nwithout:\n" + without.describe();
    assertNotNull(lineStartingWith(app.log(offLogged), app.warnLevel + " handshake.doctor - "), offLoggedAndWithout);
    assertEquals(comparable(client, without.stdout), comparable(client, withoutAgentLines(offLogged.stdout)), offLoggedAndWithout);
    assertEquals(comparable(client, without.stderr), comparable(client, withoutAgentLines(offLogged.stderr)), offLoggedAndWithout);

    // enrich=message: same class, the message gains the diagnosis at its end, nothing suppressed.
    LoggingApp.Output message = app.run(jdk, client, "enrich=message,log=off");
    String messageLog = app.log(message);
    String enrichedLine = exceptionLine(messageLog);
    Supplier<String> messageAndWithout =
        () -> "enrich=message:\n" + message.describe() + "\n\nwithout:\n" + without.describe();
    assertNotNull(enrichedLine, messageAndWithout);
    assertTrue(enrichedLine.startsWith(plainException + " [handshake-doctor: " + CAUSE + ": "), messageAndWithout);
    assertTrue(enrichedLine.contains("; fix: ") && enrichedLine.endsWith("]"), messageAndWithout);
    assertFalse(messageLog.contains("Suppressed: java.lang.Exception: handshake-doctor"), messageAndWithout);
  }

  static Stream<Arguments> jdks() {
    return TestJdk.all().stream().map(Arguments::of);
  }

  /**
   * slf4j-api without a provider: the agent must not touch it (SLF4J would print its "no
   * providers" warning on the application's standard error) and writes through System.Logger.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void slf4jWithoutAProviderIsLeftAloneAndTheLineGoesToSystemLogger(TestJdk jdk) throws Exception {
    LoggingApp app = LoggingApp.JUL_WITH_SLF4J_API_ONLY;
    LoggingApp.Output with = app.run(jdk, "socket", "");
    String agentLine =
        lineStartingWith(with.stderr, "WARNING handshake.doctor - handshake-doctor: TLS client handshake with localhost:");
    assertNotNull(agentLine, with::describe);
    assertFalse(with.stderr.contains("SLF4J"), with::describe);
    assertNotNull(lineStartingWith(with.stderr, "\tSuppressed: java.lang.Exception: handshake-doctor: "), with::describe);
  }

  /** The line after "call failed": the logged exception's class and message. */
  static String exceptionLine(String log) {
    String[] lines = log.split("\n", -1);
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].endsWith(" app - call failed")) {
        return lines[i + 1];
      }
    }
    return null;
  }

  private static String lineStartingWith(String log, String prefix) {
    for (String line : log.split("\n")) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  private static int count(String log, String needle) {
    int n = 0;
    for (int i = log.indexOf(needle); i >= 0; i = log.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static String withoutAgentLines(String log) {
    return Stream.of(log.split("\n", -1))
        .filter(line -> !line.contains(" handshake.doctor - handshake-doctor: "))
        .collect(Collectors.joining("\n"));
  }

  /**
   * The log as compared between runs. HttpClient fails its handshake on a scheduler thread whose
   * path (and so the frames below the exception, and the omitted-frames counts) varies from run
   * to run without any agent; for it only the stack frames are left out of the comparison, every
   * exception, cause and suppressed line is still compared byte for byte. Other clients: the whole
   * log.
   */
  private static String comparable(String client, String log) {
    if (!client.equals("http-client")) {
      return log;
    }
    return Stream.of(log.split("\n", -1))
        .filter(line -> !line.startsWith("\tat ") && !line.matches("\t+\\.\\.\\. \\d+ (more|common frames omitted)"))
        .collect(Collectors.joining("\n"));
  }
}
