package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.testing.Samples;
import io.appseg.text.Escape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile pull request: every string of every sample (values, and the keys of label maps) gets
 * each payload below, one at a time, and every command that prints a spec's strings runs on it.
 * Each must either refuse the file with an error naming the field, or print output that {@link
 * OutputShape} finds to be exactly what the plan produced; neither stream may carry a control
 * character. {@code render -o yaml}, what a GitOps job pipes into kubectl, gets every payload; the
 * other commands (same reader and validator) the payloads aimed at them.
 */
class InjectionTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * Newlines and document markers, comments, quotes, diagram syntax, markup, terminal and invisible
   * controls.
   */
  static final List<String> PAYLOADS =
      List.of(
          "\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: pwn}\n",
          "\r\n---\r\nkind: Secret\r\n",
          "\u2028---\u2028kind: Secret",
          "\u0085---\u0085kind: Secret",
          " # comment",
          "\"",
          "'",
          "%TAG ! tag:evil:",
          "]]",
          "`whoami`",
          "\"]\n  click tier_web call alert()\n",
          "\"| evil\n  style tier_web fill:red",
          "|x|",
          "<img src=x onerror=alert(1)>",
          "#quot;",
          "&#34;",
          "\\",
          "\u001b[2J\u001b[31mred",
          "\u0000",
          "\u202egnp",
          "a".repeat(5000));

  /** Those aimed at diagrams, tables and terminals as well as at YAML. */
  static final List<String> EVERY_COMMAND =
      List.of(
          PAYLOADS.get(0),
          PAYLOADS.get(2),
          PAYLOADS.get(10),
          PAYLOADS.get(11),
          PAYLOADS.get(13),
          PAYLOADS.get(17),
          PAYLOADS.get(20));

  private final Cli.Reused cli = new Cli.Reused();

  @TempDir Path tmp;

  static Stream<Arguments> fields() throws IOException {
    return allFields().stream().map(f -> Arguments.of(f.sample(), f.field()));
  }

  /** A string field of one sample. */
  record SampleField(String sample, Field field) {}

  static List<SampleField> allFields() throws IOException {
    List<SampleField> fields = new ArrayList<>();
    for (Path sample : Samples.all()) {
      JsonNode doc = YAML.readTree(sample.toFile());
      walk(
          doc, "", "", false, f -> fields.add(new SampleField(sample.getFileName().toString(), f)));
    }
    return fields;
  }

  /**
   * The sample with {@code payload} added to one of its strings, written as YAML that reads back
   * the same.
   */
  static Path mutated(Path dir, SampleField target, String payload) throws IOException {
    JsonNode doc = YAML.readTree(Samples.named(target.sample()).toFile());
    target.field().inject(doc, payload);
    return Files.writeString(dir.resolve(target.sample()), YAML.writeValueAsString(doc));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fields")
  void noPayloadInAnyStringGetsThroughAnyCommand(String sampleName, Field field)
      throws IOException {
    for (String payload : PAYLOADS) {
      Path file = mutated(tmp, new SampleField(sampleName, field), payload);
      for (String[] command :
          EVERY_COMMAND.contains(payload) ? OutputShape.COMMANDS : OutputShape.RENDER) {
        Cli.Result result = cli.run(OutputShape.withFile(command, file));
        assertRefusedOrExact(command, file, field, payload, result);
      }
    }
  }

  /**
   * An error naming the field (or, for characters YAML readers disagree on, the reader's one-line
   * error at the line) and nothing on stdout, or output holding exactly the plan; never a control
   * character.
   */
  static void assertRefusedOrExact(
      String[] command, Path file, Field field, String payload, Cli.Result result) {
    String context = field + " += " + Escape.quote(payload) + "\n" + result;
    assertThat(OutputShape.controlCharacters(result)).as(context).isEmpty();
    if (result.exitCode() == 0) {
      OutputShape.assertExactlyPlanned(command, file, result, context);
    } else {
      assertThat(result.exitCode()).as(context).isEqualTo(1);
      assertThat(result.out()).as(context).isEmpty();
      assertThat(result.err())
          .as(context)
          .satisfiesAnyOf(
              err -> assertThat(err).contains(field.reportedAs()),
              err ->
                  assertThat(err)
                      .as("refused by the reader, at its line")
                      .matches("error: [^\n]*: line \\d+: [^\n]*\n"));
      Cli.assertNoStackTrace(result);
    }
  }

  /**
   * Every string value and every key of a label map, with the field path the validator reports for
   * it.
   */
  private static void walk(
      JsonNode node, String path, String pointer, boolean labelMap, Consumer<Field> out) {
    if (node.isTextual()) {
      out.accept(new Field(path, pointer, null));
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String child =
                    labelMap
                        ? path + "[" + e.getKey() + "]"
                        : (path.isEmpty() ? "" : path + ".") + e.getKey();
                if (labelMap) {
                  out.accept(new Field(path, pointer, e.getKey()));
                }
                String childPointer =
                    pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                walk(e.getValue(), child, childPointer, e.getKey().equals("matchLabels"), out);
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", pointer + "/" + i, false, out);
      }
    }
  }

  /**
   * A string in a document: the value at {@code pointer}, or the key {@code key} of the map there;
   * {@code path} is how the validator names it.
   */
  record Field(String path, String pointer, String key) {
    void inject(JsonNode root, String payload) {
      if (key != null) {
        ObjectNode map = (ObjectNode) root.at(pointer);
        map.set(key + payload, map.remove(key));
        return;
      }
      JsonPointer at = JsonPointer.compile(pointer);
      JsonNode parent = root.at(at.head());
      TextNode mutated = TextNode.valueOf(root.at(at).asText() + payload);
      if (parent instanceof ArrayNode list) {
        list.set(at.last().getMatchingIndex(), mutated);
      } else {
        ((ObjectNode) parent).set(at.last().getMatchingProperty(), mutated);
      }
    }

    /**
     * What the error names: the field path (a map for its keys; the endpoint for an undeclared
     * tier), or for kind the note that the document is not ours.
     */
    String reportedAs() {
      return path.equals("kind")
          ? "is not an AppSegmentation"
          : path.replaceFirst("^(spec\\.flows.*)\\.tier$", "$1");
    }

    @Override
    public String toString() {
      return key == null ? path : path + " key " + key;
    }
  }
}
