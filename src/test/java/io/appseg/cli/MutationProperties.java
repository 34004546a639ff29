package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.testing.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any node of any sample replaced by a value of another shape (null, a number, a boolean, a string,
 * a list, a map, an empty one of each): {@code render} answers with exit 0 or with one-line errors
 * and exit 1, never a stack trace, and every error names a place.
 */
class MutationProperties {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> REPLACEMENTS =
      List.of(
          NODES.nullNode(),
          NODES.numberNode(1),
          NODES.numberNode(-70000),
          NODES.numberNode(1.5),
          NODES.booleanNode(true),
          NODES.textNode(""),
          NODES.textNode("x".repeat(300)),
          NODES.arrayNode(),
          NODES.arrayNode().add(NODES.nullNode()),
          NODES.arrayNode().add(1).add("a"),
          NODES.objectNode(),
          NODES.objectNode().putNull("x"));
  private static final List<Target> TARGETS = new ArrayList<>();
  private static Path dir;
  private final Cli.Reused cli = new Cli.Reused();

  /** A node of a sample, by JSON pointer. */
  record Target(String sample, String pointer) {}

  @BeforeContainer
  static void collect() throws IOException {
    for (Path sample : Samples.all()) {
      collect(sample.getFileName().toString(), YAML.readTree(sample.toFile()), "");
    }
    dir = Files.createTempDirectory("mutations");
  }

  @AfterContainer
  static void clean() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static void collect(String sample, JsonNode node, String pointer) {
    if (!pointer.isEmpty()) {
      TARGETS.add(new Target(sample, pointer));
    }
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  collect(
                      sample,
                      e.getValue(),
                      pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1")));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(sample, node.get(i), pointer + "/" + i);
      }
    }
  }

  @Property(tries = 1500)
  void anyShapeAnywhereIsAnsweredWithoutAStackTrace(
      @ForAll("targets") Target target, @ForAll("replacements") JsonNode replacement) {
    Cli.Result r = cli.run("render", "-f", mutated(target, replacement).toString());
    assertThat(r.exitCode()).as(target + " = " + replacement + "\n" + r).isIn(0, 1);
    Cli.assertNoStackTrace(r);
    if (r.exitCode() == 1) {
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines())
          .as(r.toString())
          .allMatch(l -> l.startsWith("error: ") || l.startsWith("note: "));
    }
  }

  private static Path mutated(Target target, JsonNode replacement) {
    try {
      JsonNode doc = YAML.readTree(Samples.named(target.sample()).toFile());
      int slash = target.pointer().lastIndexOf('/');
      JsonNode parent = doc.at(target.pointer().substring(0, slash));
      String last = target.pointer().substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ArrayNode list) {
        list.set(Integer.parseInt(last), replacement);
      } else {
        ((ObjectNode) parent).set(last, replacement);
      }
      return Files.writeString(dir.resolve(target.sample()), YAML.writeValueAsString(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Target> targets() {
    return Arbitraries.of(TARGETS);
  }

  @Provide
  Arbitrary<JsonNode> replacements() {
    return Arbitraries.of(REPLACEMENTS);
  }
}
