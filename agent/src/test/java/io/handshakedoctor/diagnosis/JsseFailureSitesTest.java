package io.handshakedoctor.diagnosis;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handshakedoctor.evidence.AlertSummary;
import io.handshakedoctor.evidence.HandshakeEvidence;
import io.handshakedoctor.evidence.Side;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every place SunJSSE decides a handshake fails ({@code fatal(Alert.X, "...")} in
 * sun.security.ssl), read from each tested JDK's own lib/src.zip: the failure each implies (this
 * side raises alert X with that message, nothing else known) must diagnose as a cause, never
 * {@code unknown}, so a site a new JDK adds is caught here. The JDK 25 mapping is the table in
 * docs/causes.md; this test regenerates it and fails when the two differ.
 */
class JsseFailureSitesTest {
  private static final Pattern FATAL = Pattern.compile("(\\w+)\\s*\\.\\s*(?:conContext\\s*\\.\\s*)?fatal\\(\\s*Alert\\.([A-Z_]+)\\s*,");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final String TABLE_BEGIN = "<!-- jsse-failure-sites:begin -->";
  private static final String TABLE_END = "<!-- jsse-failure-sites:end -->";
  private static final DiagnosisEngine ENGINE = DiagnosisEngine.standard();

  /** One call site: file, alert, the message it builds (variable parts as "x"), and the side that raises it. */
  static final class Site {
    final String file;
    final String alert;
    final String message;
    final Side side;

    Site(String file, String alert, String message, Side side) {
      this.file = file;
      this.alert = alert;
      this.message = message;
      this.side = side;
    }

    @Override
    public String toString() {
      return file + " " + alert + " \"" + message + "\" (" + side + ")";
    }
  }

  static Stream<Arguments> jdks() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home"))));
    Path jdk25 = Paths.get(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (Runtime.version().feature() != 25 && Files.isDirectory(jdk25)) {
      out.add(Arguments.of("jdk25", jdk25));
    }
    return out.stream();
  }

  /** The JDK's own src.zip; {@code -Dsrc.zip.<feature>=path} stands in when a distribution leaves it out. */
  private static Path sources(String label, Path home) {
    Path own = home.resolve("lib").resolve("src.zip");
    if (Files.isReadable(own)) {
      return own;
    }
    String stand = System.getProperty("src.zip." + label.replace("jdk", ""));
    return stand == null ? null : Paths.get(stand);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void everyFatalCallSiteDiagnosesAsAKnownCause(String label, Path home) throws IOException {
    Path zip = sources(label, home);
    assumeTrue(zip != null && Files.isReadable(zip), label + " has no readable lib/src.zip (install its source package or pass -Dsrc.zip.N=)");
    List<Site> sites = read(zip);
    assertTrue(sites.size() > 300, "too few call sites read from " + zip + ": " + sites.size());
    List<String> unknown = new ArrayList<>();
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    for (Site site : sites) {
      Diagnosis d = ENGINE.diagnose(evidence(site));
      if (d.cause() == Cause.UNKNOWN) {
        unknown.add(site.toString());
      }
      table.computeIfAbsent(site.alert, k -> new TreeMap<>()).merge(d.cause().id(), 1, Integer::sum);
    }
    System.out.println(label + " (" + zip + "): " + (sites.size() - unknown.size()) + "/" + sites.size() + " fatal call sites classified");
    assertTrue(unknown.isEmpty(), unknown.size() + " of " + sites.size() + " call sites diagnose as unknown:\n" + String.join("\n", unknown));
    if ("jdk25".equals(label)) {
      String expected = markdown(table, sites.size());
      String doc = CausesDocumentationTest.readDoc();
      int begin = doc.indexOf(TABLE_BEGIN);
      int end = doc.indexOf(TABLE_END);
      assertTrue(begin >= 0 && end > begin, "docs/causes.md lacks the " + TABLE_BEGIN + " table");
      assertEquals(expected, doc.substring(begin + TABLE_BEGIN.length(), end).trim(),
          "docs/causes.md's JSSE failure sites table is out of date; replace it with the expected text");
    }
  }

  private static HandshakeEvidence evidence(Site site) {
    return HandshakeEvidence.builder(site.side)
        .peer("peer.example.com", 443)
        .failure(new SSLHandshakeException(site.message))
        .jsseAlert(site.alert)
        .alertSent(new AlertSummary(site.alert, true))
        .build();
  }

  private static String markdown(Map<String, Map<String, Integer>> table, int total) {
    StringBuilder out = new StringBuilder();
    out.append("| Alert JSSE raises | Diagnosed as (call sites) |\n|---|---|\n");
    for (Map.Entry<String, Map<String, Integer>> row : table.entrySet()) {
      List<String> causes = new ArrayList<>();
      for (Map.Entry<String, Integer> c : row.getValue().entrySet()) {
        causes.add("`" + c.getKey() + "` (" + c.getValue() + ")");
      }
      out.append("| `").append(row.getKey()).append("` | ").append(String.join(", ", causes)).append(" |\n");
    }
    out.append("\n").append(total).append(" call sites in JDK 25's sun.security.ssl, none diagnosed as `unknown`.");
    return out.toString();
  }

  static List<Site> read(Path zip) throws IOException {
    List<Site> out = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      List<ZipEntry> ssl = new ArrayList<>();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().matches("(java\\.base/)?sun/security/ssl/[^/]+\\.java")) {
          ssl.add(entry);
        }
      }
      ssl.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipEntry entry : ssl) {
        String source;
        try (InputStream in = z.getInputStream(entry)) {
          source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String file = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Matcher m = FATAL.matcher(source);
        while (m.find()) {
          out.add(new Site(file, m.group(2).toLowerCase(Locale.ROOT), message(source, m.end()), side(m.group(1))));
        }
      }
    }
    return out;
  }

  /** chc (client handshake context) raises on the client, shc on the server; others could be either. */
  private static Side side(String receiver) {
    return receiver.startsWith("shc") || receiver.startsWith("server") ? Side.SERVER : Side.CLIENT;
  }

  /** The message argument: its string literals joined, each non-literal operand as "x". */
  private static String message(String source, int from) {
    StringBuilder arg = new StringBuilder();
    int depth = 0;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '"') {
        int close = i + 1;
        while (source.charAt(close) != '"') {
          close += source.charAt(close) == '\\' ? 2 : 1;
        }
        arg.append(source, i, close + 1);
        i = close;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
        break;
      }
      arg.append(c);
    }
    StringBuilder message = new StringBuilder();
    for (String operand : arg.toString().split("\\+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
      Matcher literal = LITERAL.matcher(operand.trim());
      if (literal.matches()) {
        message.append(literal.group(1).replace("\\\"", "\""));
      } else if (!operand.trim().isEmpty()) {
        message.append("x");
      }
    }
    return message.toString();
  }
}
