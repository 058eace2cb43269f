package io.handshakedoctor.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A JDK the integration tests fork: the one running the tests first, then one JDK (17 or newer) per
 * other feature version, because JSSE differs between them.
 *
 * <p>Where the others come from, in this order:
 *
 * <ol>
 *   <li>{@value #SETTING} (system property, or environment variable {@value #SETTING_ENV}): a
 *       comma-separated list of JDK homes; when set, exactly these.
 *   <li>Otherwise Maven Toolchains ({@code ~/.m2/toolchains.xml}, every {@code jdk} toolchain's
 *       {@code jdkHome}), and the JDKs installed next to the running one or named by {@code
 *       JAVA_HOME} and {@code JAVA_HOME_*} (as CI images set them), SDKMAN! and IntelliJ's folder.
 * </ol>
 *
 * <p>The first use prints one line saying which JDKs the run covers and where they came from.
 */
public final class TestJdk {
  public static final String SETTING = "handshake.doctor.test.jdks";
  public static final String SETTING_ENV = "HANDSHAKE_DOCTOR_TEST_JDKS";
  /** The oldest JDK the tests fork; older ones are skipped even when installed. */
  private static final int OLDEST = 17;

  private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

  private static List<TestJdk> all;

  private final int feature;
  private final String version;
  private final Path home;
  private final String source;

  private TestJdk(int feature, String version, Path home, String source) {
    this.feature = feature;
    this.version = version;
    this.home = home;
    this.source = source;
  }

  /** The JDKs to fork, the running one first; prints the covering line on first use. */
  public static synchronized List<TestJdk> all() {
    if (all == null) {
      all = Collections.unmodifiableList(find(setting(), toolchainsFile(), System.getenv()));
      System.out.println(coverageLine(all));
    }
    return all;
  }

  /** The JDK running the tests. */
  public static TestJdk running() {
    return all().get(0);
  }

  public int feature() {
    return feature;
  }

  public Path home() {
    return home;
  }

  public String java() {
    return home.resolve("bin").resolve("java").toString();
  }

  /** {@code jdk17}, {@code jdk25}: short, and unique within a run, for test names and folders. */
  @Override
  public String toString() {
    return "jdk" + feature;
  }

  static List<TestJdk> find(String setting, Path toolchains, Map<String, String> env) {
    Path runningHome = Paths.get(System.getProperty("java.home"));
    TestJdk running = new TestJdk(Runtime.version().feature(), Runtime.version().toString(), runningHome, "running the tests");
    Map<Integer, TestJdk> byFeature = new TreeMap<>();
    if (setting != null && !setting.trim().isEmpty()) {
      for (String home : setting.split(",")) {
        if (!home.trim().isEmpty()) {
          TestJdk jdk = at(Paths.get(home.trim()), SETTING);
          if (jdk == null) {
            throw new IllegalStateException(SETTING + " names " + home.trim() + ", which is not a JDK home (no bin/java and release file)");
          }
          byFeature.putIfAbsent(jdk.feature, jdk);
        }
      }
    } else {
      for (Path home : toolchainHomes(toolchains)) {
        add(byFeature, at(home, toolchains.toString()));
      }
      for (Path home : installedHomes(runningHome, env)) {
        add(byFeature, at(home, "installed"));
      }
    }
    List<TestJdk> out = new ArrayList<>();
    out.add(running);
    for (TestJdk jdk : byFeature.values()) {
      if (jdk.feature != running.feature) {
        out.add(jdk);
      }
    }
    return out;
  }

  static String coverageLine(List<TestJdk> jdks) {
    String covered = jdks.stream()
        .map(j -> "JDK " + j.version + " (" + j.home + ", " + j.source + ")")
        .collect(Collectors.joining(", "));
    String more = jdks.size() == 1
        ? "; no other JDK " + OLDEST + "+ found: install one, list it in ~/.m2/toolchains.xml, or set -D" + SETTING + "=/jdk/home,..."
        : "";
    return "handshake-doctor tests fork " + jdks.size() + " JDK" + (jdks.size() == 1 ? "" : "s") + ": " + covered + more;
  }

  private static void add(Map<Integer, TestJdk> byFeature, TestJdk jdk) {
    if (jdk != null && jdk.feature >= OLDEST) {
      byFeature.putIfAbsent(jdk.feature, jdk);
    }
  }

  /** The JDK at {@code home} (its {@code release} file names the version), or null if it is none. */
  static TestJdk at(Path home, String source) {
    try {
      Path real = home.toRealPath();
      if (!Files.isExecutable(real.resolve("bin").resolve("java"))) {
        return null;
      }
      Matcher m = RELEASE_VERSION.matcher(new String(Files.readAllBytes(real.resolve("release")), StandardCharsets.UTF_8));
      if (!m.find()) {
        return null;
      }
      return new TestJdk(Runtime.Version.parse(m.group(1)).feature(), m.group(1), real, source);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String setting() {
    String property = System.getProperty(SETTING);
    return property != null && !property.trim().isEmpty() ? property : System.getenv(SETTING_ENV);
  }

  private static Path toolchainsFile() {
    return Paths.get(System.getProperty("user.home"), ".m2", "toolchains.xml");
  }

  /** Every {@code <toolchain><type>jdk</type>...<jdkHome>} in a Maven toolchains file. */
  static List<Path> toolchainHomes(Path file) {
    List<Path> homes = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return homes;
    }
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setExpandEntityReferences(false);
      Document doc = factory.newDocumentBuilder().parse(in);
      NodeList toolchains = doc.getElementsByTagName("toolchain");
      for (int i = 0; i < toolchains.getLength(); i++) {
        Element toolchain = (Element) toolchains.item(i);
        if ("jdk".equals(text(toolchain, "type"))) {
          String home = text(toolchain, "jdkHome");
          if (home != null) {
            homes.add(Paths.get(home));
          }
        }
      }
    } catch (Exception e) {
      System.out.println("handshake-doctor tests: cannot read " + file + " (" + e + "); ignoring it");
    }
    return homes;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  /**
   * JDK homes found where installers put them: beside the running JDK (Debian's and Temurin's
   * packages, and most tarball installs, share one parent folder), JAVA_HOME and JAVA_HOME_*
   * and their parents, SDKMAN!'s candidates and IntelliJ's downloads.
   */
  static Set<Path> installedHomes(Path runningHome, Map<String, String> env) {
    Set<Path> folders = new LinkedHashSet<>();
    Set<Path> homes = new LinkedHashSet<>();
    folders.add(runningHome.toAbsolutePath().getParent());
    for (Map.Entry<String, String> e : env.entrySet()) {
      if ((e.getKey().equals("JAVA_HOME") || e.getKey().startsWith("JAVA_HOME_")) && !e.getValue().isEmpty()) {
        Path home = Paths.get(e.getValue()).toAbsolutePath();
        homes.add(home);
        folders.add(home.getParent());
      }
    }
    Path userHome = Paths.get(System.getProperty("user.home"));
    folders.add(userHome.resolve(".sdkman").resolve("candidates").resolve("java"));
    folders.add(userHome.resolve(".jdks"));
    for (Path folder : folders) {
      if (folder == null || !Files.isDirectory(folder)) {
        continue;
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
        List<Path> sorted = new ArrayList<>();
        children.forEach(sorted::add);
        Collections.sort(sorted);
        homes.addAll(sorted);
      } catch (IOException e) {
        // An unreadable folder holds no JDK we could run.
      }
    }
    return homes;
  }
}
