package io.handshakedoctor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/attributes.md names exactly what the agent emits, registry names are registry attributes, and
 * the agent's own names live under {@code handshake_doctor.}, never under a registry namespace.
 */
class NamesTest {
  private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| (registry|project) \\|");
  private static final Pattern NAME = Pattern.compile("`([a-z0-9_.]+)`");

  /** Every name the agent can emit: both sides' attributes with every fact present, plus its own names. */
  static Set<String> emitted() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    names.addAll(FullEvents.client().attributes().keySet());
    names.addAll(FullEvents.server().attributes().keySet());
    names.addAll(ownConstants());
    return names;
  }

  static Set<String> ownConstants() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field f : Names.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("NAMESPACE")) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  /** Documented name to its source column, {@code registry} or {@code project}. */
  static Map<String, String> documented() throws IOException {
    Map<String, String> names = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Paths.get("../docs/attributes.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        Matcher name = NAME.matcher(row.group(1));
        while (name.find()) {
          names.put(name.group(1), row.group(2));
        }
      }
    }
    return names;
  }

  static Set<String> registry(String kind) throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in = NamesTest.class.getResourceAsStream("/semconv-registry.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(kind + " ")) {
          out.add(line.substring(kind.length() + 1).trim());
        }
      }
    }
    return out;
  }

  @Test
  void everyEmittedNameIsDocumentedAndEveryDocumentedNameIsEmitted() throws Exception {
    Set<String> emitted = emitted();
    Set<String> documented = documented().keySet();
    Set<String> undocumented = new TreeSet<>(emitted);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "emitted but missing from docs/attributes.md");
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(emitted);
    assertEquals(Set.of(), stale, "in docs/attributes.md but never emitted");
  }

  @Test
  void registryNamesAreCurrentRegistryAttributesAndEverythingElseIsTheProjectsOwn() throws Exception {
    Set<String> attributes = registry("attribute");
    Set<String> namespaces = registry("namespace");
    assertTrue(namespaces.contains("tls") && attributes.contains("tls.established"), "registry copy readable");
    for (Map.Entry<String, String> e : documented().entrySet()) {
      String name = e.getKey();
      if (e.getValue().equals("registry")) {
        assertTrue(attributes.contains(name), name + " is documented as a registry attribute but the registry has no such attribute");
      } else {
        assertTrue(name.startsWith(Names.NAMESPACE), name + " is the project's own but not under " + Names.NAMESPACE);
      }
    }
    for (String name : emitted()) {
      if (!attributes.contains(name)) {
        String namespace = name.substring(0, name.indexOf('.'));
        assertFalse(namespaces.contains(namespace), name + ": an own name under the registry namespace '" + namespace + ".'");
        assertTrue(name.startsWith(Names.NAMESPACE), name + " is neither a registry attribute nor under " + Names.NAMESPACE);
      }
    }
  }

  @Test
  void theProjectNamespaceIsNoRegistryNamespaceAndFollowsTheNamingRules() throws Exception {
    String namespace = Names.NAMESPACE.substring(0, Names.NAMESPACE.length() - 1);
    assertFalse(registry("namespace").contains(namespace));
    // The conventions' tooling: lower-case letters, digits, '_' and '.', starting with a letter,
    // ending with a letter or digit, no two delimiters in a row.
    Pattern rule = Pattern.compile("[a-z][a-z0-9]*([._][a-z0-9]+)*");
    for (String name : emitted()) {
      assertTrue(rule.matcher(name).matches(), name);
    }
  }

  /**
   * No name is also the namespace of another ({@code a.b} and {@code a.b.c}): backends that nest
   * dotted keys (Elasticsearch and OpenSearch object mappings, the collector's transforms) cannot hold
   * a value and an object under one key, and the registry never does it.
   */
  @Test
  void noNameIsAlsoTheNamespaceOfAnother() throws Exception {
    Set<String> names = emitted();
    names.addAll(documented().keySet());
    for (String name : names) {
      for (String other : names) {
        assertFalse(other.startsWith(name + "."), name + " is a name and the namespace of " + other);
      }
    }
  }

  @Test
  void aFailedHandshakeIsMarkedNotEstablished() {
    assertEquals(false, FullEvents.client().attributes().get("tls.established"));
    assertEquals(false, FullEvents.server().attributes().get("tls.established"));
  }

  @Test
  void theEventsFileWritesTheEventNameAndTheRepeatCountUnderTheProjectNamespace() throws Exception {
    java.nio.file.Path file = Files.createTempDirectory("names").resolve("events.jsonl");
    new JsonLinesOutput(file, 1 << 20, 1).write(FullEvents.client(), 3);
    String line = Files.readString(file);
    assertTrue(line.contains("\"event.name\":\"handshake_doctor.handshake.failure\""), line);
    assertTrue(line.contains("\"handshake_doctor.repeat.count\":3"), line);
    assertTrue(line.contains("\"handshake_doctor.cause\":\"certificate_expired\""), line);
  }
}
