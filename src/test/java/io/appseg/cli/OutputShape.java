package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.appseg.graph.FlowGraph;
import io.appseg.graph.FlowGraphBuilder;
import io.appseg.plan.PlanDefaults;
import io.appseg.text.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the commands that show a spec's strings may print, read back strictly: the objects of a
 * rendered stream, the statements of a diagram, the rows of a table. Used to prove that input
 * strings cannot add any.
 */
final class OutputShape {
  static final List<String[]> RENDER = List.<String[]>of(new String[] {"render", "-o", "yaml"});
  static final List<String[]> COMMANDS =
      List.of(
          new String[] {"render", "-o", "yaml"},
          new String[] {"render", "-o", "json"},
          new String[] {"graph", "-o", "mermaid"},
          new String[] {"graph", "-o", "dot"},
          new String[] {"matrix", "--tiers", "--port", "80"},
          new String[] {"diff", "--base", "/dev/null", "-o", "markdown", "--head"},
          new String[] {"diff", "--base", "/dev/null", "-o", "mermaid", "--head"},
          new String[] {"test", "-f", "src/test/resources/diff/address-expectations.yaml"});

  private static final String ID = "(tier_[a-z0-9_]+|dns|monitoring|anywhere|ext\\d+)";
  private static final String LABEL = "\"[^\"\\\\]*\"";

  /** A diagram language as the writer uses it: node statements, edge statements and the rest. */
  record Grammar(List<Pattern> nodes, List<Pattern> edges, List<Pattern> other) {
    String kindOf(String line) {
      return matches(nodes, line)
          ? "node"
          : matches(edges, line) ? "edge" : matches(other, line) ? "other" : null;
    }

    private static boolean matches(List<Pattern> patterns, String line) {
      return patterns.stream().anyMatch(p -> p.matcher(line).matches());
    }
  }

  private static final Grammar MERMAID =
      new Grammar(
          patterns("    tier_[a-z0-9_]+\\[" + LABEL + "]", "  " + ID + "\\(\\[" + LABEL + "]\\)"),
          patterns("  " + ID + " -->\\|" + LABEL + "\\| " + ID),
          patterns("flowchart LR", "  subgraph ns\\d+\\[" + LABEL + "]", "  end"));
  private static final Grammar DOT =
      new Grammar(
          patterns(
              "    tier_[a-z0-9_]+ \\[label=" + LABEL + ", shape=box];",
              "  " + ID + " \\[label=" + LABEL + ", shape=ellipse];"),
          patterns("  " + ID + " -> " + ID + " \\[label=" + LABEL + "];"),
          patterns(
              "digraph " + LABEL + " \\{",
              "  rankdir=LR;",
              "  node \\[fontname=\"Helvetica\"]; edge \\[fontname=\"Helvetica\", fontsize=10];",
              "  subgraph cluster_\\d+ \\{",
              "    label=" + LABEL + ";",
              "  }",
              "}"));
  private static final Pattern MARKDOWN_LINE =
      Pattern.compile(
          "|### appseg diff: .*|\\*\\*Connections:\\*\\* .*"
              + "|#### (App .*|Not in a tier of any app|Generated policies)|\\|( [^|]* \\|){2}|\\|( [^|]* \\|){6}"
              + "|\\| change \\| policy \\||\\| --- \\| --- \\||\\|( --- \\|){6}");
  private static final Pattern MATRIX_ROW =
      Pattern.compile(" *\\d+ [a-z0-9.-]+/[a-z0-9-]+( +[Y.-])+");

  /** {@code -f file} after the command; after a trailing {@code --head}, the file alone. */
  static String[] withFile(String[] command, Path file) {
    if (command[command.length - 1].equals("--head")) {
      String[] args = Arrays.copyOf(command, command.length + 1);
      args[command.length] = file.toString();
      return args;
    }
    String[] args = Arrays.copyOf(command, command.length + 2);
    args[command.length] = "-f";
    args[command.length + 1] = file.toString();
    return args;
  }

  /**
   * The characters of either stream that a terminal would not show as themselves (a line end is
   * fine).
   */
  static List<String> controlCharacters(Cli.Result result) {
    return (result.out() + result.err())
        .chars()
        .filter(c -> c != '\n' && !Escape.isPlain((char) c))
        .mapToObj(c -> String.format("U+%04X", c))
        .toList();
  }

  /** The output of a successful command holds exactly what the plan of {@code file} produces. */
  static void assertExactlyPlanned(String[] command, Path file, Cli.Result result, String context) {
    List<Segmentations.Planned> planned = plan(file);
    String what = String.join(" ", command);
    switch (what) {
      case "render -o yaml" ->
          assertThat(names(yamlDocuments(result.out()))).as(context).isEqualTo(policies(planned));
      case "render -o json" ->
          assertThat(names(json(result.out()).get("items")))
              .as(context)
              .isEqualTo(policies(planned));
      case "graph -o mermaid" -> assertDiagram(result.out(), MERMAID, planned, context);
      case "graph -o dot" -> assertDiagram(result.out(), DOT, planned, context);
      case "diff --base /dev/null -o markdown --head" ->
          assertMarkdown(result.out(), planned, context);
      case "diff --base /dev/null -o mermaid --head" ->
          result
              .out()
              .lines()
              .forEach(
                  l ->
                      assertThat(MERMAID.kindOf(l))
                          .as(context + "\nnot a statement of ours: " + l)
                          .isNotNull());
      case "test -f src/test/resources/diff/address-expectations.yaml" ->
          assertThat(result.out()).as(context).isEqualTo("1 expectations: 1 passed, 0 failed\n");
      default -> assertMatrix(result.out(), planned, context);
    }
  }

  private static List<Segmentations.Planned> plan(Path file) {
    try {
      List<Document> documents = new InputReader(System.in).read(List.of(file.toString()));
      Segmentations.Result result =
          Segmentations.load(documents, "default", new PrintWriter(new StringWriter()));
      assertThat(result.invalid()).isZero();
      return result.valid();
    } catch (InputException e) {
      throw new AssertionError(
          "the command read " + file + " but the test cannot: " + e.getMessage(), e);
    }
  }

  private static List<String> policies(List<Segmentations.Planned> planned) {
    return planned.stream()
        .flatMap(p -> p.plan().policies().stream())
        .map(
            p ->
                "NetworkPolicy " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .toList();
  }

  private static List<String> names(Iterable<JsonNode> objects) {
    List<String> names = new ArrayList<>();
    objects.forEach(
        o ->
            names.add(
                o.path("kind").asText()
                    + " "
                    + o.path("metadata").path("namespace").asText()
                    + "/"
                    + o.path("metadata").path("name").asText()));
    return names;
  }

  private static List<JsonNode> yamlDocuments(String text) {
    YAMLMapper yaml = new YAMLMapper();
    try (var parser = yaml.createParser(text)) {
      return yaml.readValues(parser, JsonNode.class).readAll().stream()
          .filter(n -> !n.isNull())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JsonMapper.builder().build().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every line is one statement of the writer's grammar, and there are as many nodes and edges as
   * planned.
   */
  private static void assertDiagram(
      String text, Grammar grammar, List<Segmentations.Planned> planned, String context) {
    List<String> kinds =
        text.lines()
            .map(
                l -> {
                  String kind = grammar.kindOf(l);
                  assertThat(kind).as(context + "\nnot a statement of ours: " + l).isNotNull();
                  return kind;
                })
            .toList();
    int nodes = 0;
    int edges = 0;
    for (Segmentations.Planned p : planned) {
      FlowGraph g = new FlowGraphBuilder(PlanDefaults.STANDARD).build(p.segmentation());
      nodes +=
          g.externals().size() + g.groups().stream().mapToInt(group -> group.tiers().size()).sum();
      edges += g.edges().size();
    }
    assertThat(kinds.stream().filter("node"::equals)).as(context).hasSize(nodes);
    assertThat(kinds.stream().filter("edge"::equals)).as(context).hasSize(edges);
  }

  /**
   * Every line is a heading or sentence of ours or a table row of exactly its columns (a cell
   * cannot hold a bar), and the created policies are exactly the planned ones.
   */
  private static void assertMarkdown(
      String text, List<Segmentations.Planned> planned, String context) {
    List<String> created = new ArrayList<>();
    for (String line : text.lines().toList()) {
      assertThat(line).as(context).matches(MARKDOWN_LINE);
      if (line.startsWith("| created | ")) {
        created.add("NetworkPolicy " + line.substring("| created | ".length(), line.length() - 2));
      }
    }
    assertThat(created).as(context).containsExactlyInAnyOrderElementsOf(policies(planned));
  }

  private static void assertMatrix(
      String text, List<Segmentations.Planned> planned, String context) {
    List<String> lines = text.lines().filter(l -> !l.isEmpty()).toList();
    int tiers = planned.stream().mapToInt(p -> p.segmentation().getSpec().getTiers().size()).sum();
    assertThat(lines).as(context).hasSize(3 * planned.size() + tiers);
    assertThat(lines.stream().filter(l -> MATRIX_ROW.matcher(l).matches()))
        .as(context)
        .hasSize(tiers);
  }

  private static List<Pattern> patterns(String... regexes) {
    return Stream.of(regexes).map(Pattern::compile).toList();
  }

  private OutputShape() {}
}
