package io.appseg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.testing.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The samples mutated every way a hand-written or generated file goes wrong (issue 14): any node
 * replaced by a value of another shape or size, nulls in lists and maps, non-map documents, YAML
 * tags, anchors, aliases and an alias bomb, merge and duplicate keys, huge and unicode strings,
 * extreme lists. A mutation is a sample, a node of it and the YAML text written in the node's
 * place.
 */
final class Mutations {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String HOLE = "appseg-mutation-hole";
  private static final Pattern HOLE_IN_TEXT = Pattern.compile("[\"']?" + HOLE + "[\"']?");
  private static final String APPEND_NULL = "<append a null>";
  private static final String PUT_NULL = "<put a null>";
  private static final String REPEAT = "<repeat the first item 2000 times>";
  private static final String AS_LIST_ITEM = "<the document as a list item>";
  private static final String THEN_A_LIST = "<a second document that is a list>";
  private static final List<Target> TARGETS = targets();

  /** A node of a sample, by JSON pointer; the empty pointer is the whole document. */
  record Target(String sample, String pointer) {}

  /** {@code yaml} goes in place of the target, as it stands. */
  record Mutation(Target target, String yaml) {
    @Override
    public String toString() {
      String shown = yaml.length() > 200 ? yaml.substring(0, 200) + "..." : yaml;
      return target.sample() + " " + target.pointer() + " := " + shown;
    }
  }

  static Arbitrary<Mutation> all() {
    Arbitrary<Target> nodes = Arbitraries.of(TARGETS.stream().filter(t -> !isDocument(t)).toList());
    Arbitrary<Target> documents =
        Arbitraries.of(TARGETS.stream().filter(Mutations::isDocument).toList());
    return Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(nodes, values()).as(Mutation::new)),
        Tuple.of(3, Combinators.combine(nodes, rawYaml()).as(Mutation::new)),
        Tuple.of(
            1,
            Combinators.combine(nodes, Arbitraries.of(APPEND_NULL, PUT_NULL, REPEAT))
                .as(Mutation::new)),
        Tuple.of(1, Combinators.combine(documents, documents()).as(Mutation::new)));
  }

  /** The sample's text with the mutation written in. */
  static String text(Mutation m) {
    try {
      String sample = Files.readString(Samples.named(m.target().sample()));
      if (isDocument(m.target())) {
        return switch (m.yaml()) {
          case AS_LIST_ITEM -> "- " + sample.replace("\n", "\n  ");
          case THEN_A_LIST -> sample + "\n---\n- a\n- b\n";
          default -> m.yaml();
        };
      }
      JsonNode doc = YAML.readTree(sample);
      String pointer = m.target().pointer();
      if (m.yaml().equals(APPEND_NULL) || m.yaml().equals(PUT_NULL) || m.yaml().equals(REPEAT)) {
        edit(doc.at(pointer), m.yaml());
        return YAML.writeValueAsString(doc);
      }
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = doc.at(pointer.substring(0, slash));
      String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ArrayNode list) {
        list.set(Integer.parseInt(last), TextNode.valueOf(HOLE));
      } else {
        ((ObjectNode) parent).set(last, TextNode.valueOf(HOLE));
      }
      return HOLE_IN_TEXT
          .matcher(YAML.writeValueAsString(doc))
          .replaceFirst(Matcher.quoteReplacement(m.yaml()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isDocument(Target t) {
    return t.pointer().isEmpty();
  }

  private static void edit(JsonNode node, String edit) {
    if (node instanceof ArrayNode list) {
      if (edit.equals(REPEAT) && !list.isEmpty()) {
        JsonNode first = list.get(0);
        for (int i = 0; i < 2000; i++) {
          list.add(first.deepCopy());
        }
      } else {
        list.addNull();
      }
    } else if (node instanceof ObjectNode map) {
      map.putNull(edit.equals(PUT_NULL) ? "added" : "x" + map.size());
    }
  }

  private static List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    try {
      for (Path sample : Samples.all()) {
        collect(targets, sample.getFileName().toString(), YAML.readTree(sample.toFile()), "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(targets);
  }

  private static void collect(List<Target> out, String sample, JsonNode node, String pointer) {
    out.add(new Target(sample, pointer));
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  collect(
                      out,
                      sample,
                      e.getValue(),
                      pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1")));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(out, sample, node.get(i), pointer + "/" + i);
      }
    }
  }

  /** Values of other shapes and sizes, as flow YAML (JSON). */
  private static Arbitrary<String> values() {
    List<String> values =
        new ArrayList<>(
            """
            null
            ~
            1
            0
            -70000
            1.5
            1e400
            99999999999999999999999
            true
            ""
            "ünïcødé-ß-ı-İ"
            "名前"
            "\\u202eweb"
            "web\\u200b"
            "🚀"
            "tier: web"
            "a\\nb"
            []
            [null]
            [1, "a"]
            [[]]
            {}
            {"x": null}
            {"matchLabels": {"a": null}}
            {"matchExpressions": [null]}
            {"matchExpressions": [{"key": null, "operator": "In", "values": [null]}]}
            """
                .lines()
                .toList());
    values.add("\"" + "x".repeat(300) + "\"");
    values.add("\"" + "y".repeat(20_000) + "\"");
    values.add("\"" + "z".repeat(3_500_000) + "\"");
    values.add("[" + "null, ".repeat(9_999) + "null]");
    values.add("[" + "{}, ".repeat(4_999) + "{}]");
    values.add("[" + "\"a\", ".repeat(9_999) + "\"a\"]");
    return Arbitraries.of(values);
  }

  /** YAML that JSON cannot say: tags, anchors and aliases, merge keys, duplicate keys. */
  private static Arbitrary<String> rawYaml() {
    return Arbitraries.of(
        "!!binary aGVsbG8=",
        "!!str 5",
        "!!int \"5\"",
        "!!float 1",
        "!!bool yes",
        "!!null ''",
        "!!timestamp 2001-12-14",
        "!!set {a, b}",
        "!!omap [{a: 1}]",
        "!!pairs [{a: 1}]",
        "!!map {a: 1}",
        "!!seq [1]",
        "!custom x",
        "!<tag:example.com,2000:x> y",
        "!!python/object/apply:os.system [ls]",
        "! x",
        "*nowhere",
        "&a [1, *a]",
        "&m {a: *m}",
        "[&x web, *x, *x]",
        "{<<: {a: 1}, b: 2}",
        "{<<: [*nowhere]}",
        "{a: 1, a: 2}",
        "{? [a, b] : c}",
        "yes",
        "0x1F",
        "0777",
        "1_000",
        "1:20",
        ".inf",
        bomb());
  }

  /** The whole document: not a map, several, a list of them. */
  private static Arbitrary<String> documents() {
    return Arbitraries.of(
        "- a\n- b\n",
        "just a string\n",
        "42\n",
        "true\n",
        "[{\"apiVersion\": \"appseg.io/v1alpha1\"}]\n",
        "null\n",
        "~\n",
        "!!map {}\n",
        "{\"apiVersion\": [1], \"kind\": {}}\n",
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [1, null]}\n",
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": {}}\n",
        "&d {a: *d}\n",
        AS_LIST_ITEM,
        THEN_A_LIST);
  }

  /** Seven levels of ten aliases each: 10^7 strings once expanded. */
  private static String bomb() {
    StringBuilder b = new StringBuilder("[&l0 [x, x, x, x, x, x, x, x, x, x]");
    for (int i = 1; i < 7; i++) {
      b.append(", &l").append(i).append(" [");
      b.append(String.join(", ", Collections.nCopies(10, "*l" + (i - 1))));
      b.append("]");
    }
    return b.append("]").toString();
  }

  private Mutations() {}
}
