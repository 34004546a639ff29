package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML corpus (see {@link YamlCorpus}) and the reader's limits; the real tier is YamlCorpusIT.
 */
class InputReaderTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  static Stream<Path> accepted() {
    return YamlCorpus.accepted().stream();
  }

  static Stream<Path> refused() {
    return YamlCorpus.refused().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptedFileReadsToExactlyTheExpectedDocuments(Path file) throws Exception {
    List<Document> documents = read(file);

    // Through JSON text, so Integer and Long compare equal and 8080 differs from 8080.0 or "8080".
    JsonNode actual =
        JSON.readTree(JSON.writeValueAsString(documents.stream().map(Document::content).toList()));
    assertThat(actual).isEqualTo(JSON.readTree(YamlCorpus.expected(file, "json").toFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedFileIsOneClearLine(Path file) throws IOException {
    String expected = Files.readString(YamlCorpus.expected(file, "txt")).strip();

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": " + expected)
        .message()
        .doesNotContain("\n", "Exception", "org.yaml", "com.fasterxml");
  }

  @Test
  void everyCorpusInputHasItsExpectation() {
    assertThat(YamlCorpus.accepted())
        .hasSizeGreaterThanOrEqualTo(10)
        .allMatch(f -> Files.exists(YamlCorpus.expected(f, "json")), "has .expected.json");
    assertThat(YamlCorpus.refused())
        .hasSizeGreaterThanOrEqualTo(40)
        .allMatch(f -> Files.exists(YamlCorpus.expected(f, "txt")), "has .expected.txt");
  }

  @Test
  void renderFollowsTheAliasAsKubectlDoes() throws IOException {
    Path file = YamlCorpus.DIR.resolve("accepted/alias-on-scalar.yaml");

    Cli.Result r = Cli.run("render", "-n", "shop", "-o", "json", "-f", file.toString());

    // flows: [{from: {tier: db}, to: {tier: *db}}] with &db on "web": db -> web, as the API server
    // stores it.
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode web = policy(JSON.readTree(r.out()), "alias-on-scalar.web");
    assertThat(web.at("/spec/ingress/0/from/0/podSelector/matchLabels/tier").asText())
        .isEqualTo("db");
    assertThat(policy(JSON.readTree(r.out()), "alias-on-scalar.db").path("spec").path("ingress"))
        .isEmpty();
  }

  private static JsonNode policy(JsonNode list, String name) {
    for (JsonNode item : list.path("items")) {
      if (item.at("/metadata/name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no policy " + name + " in " + list);
  }

  @Test
  void renderPrintsNothingForARefusedFile() {
    Path file = YamlCorpus.DIR.resolve("refused/duplicate-in-tier.yaml");

    Cli.Result r = Cli.run("render", "-f", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ": line 10: spec.tiers[0]: duplicate key \"podSelector\" "
                + "(first at line 9): kubectl silently keeps the last one; keep one\n");
  }

  @Test
  void standardInputFollowsTheSameRules() {
    InputReader reader =
        new InputReader(
            new ByteArrayInputStream("a: &x 1\nb: *x\nb: 2\n".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> reader.read(List.of("-")))
        .hasMessage(
            "<stdin>: line 3: duplicate key \"b\" (first at line 2): kubectl silently keeps the last one; keep one");
  }

  @Test
  void textThatIsNotUtf8IsRefused() throws IOException {
    Path latin1 =
        Files.write(
            tmp.resolve("latin1.yaml"), "a: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> read(latin1))
        .hasMessage(latin1 + ": not UTF-8 text; save it as UTF-8 (what kubectl expects)");
  }

  @Test
  void inputsAbove16MiBAreRefusedBeforeParsing() throws IOException {
    Path big = tmp.resolve("big.yaml");
    Files.write(big, new byte[InputReader.MAX_INPUT_BYTES + 1]);
    InputReader stdin =
        new InputReader(new ByteArrayInputStream(new byte[InputReader.MAX_INPUT_BYTES + 1]));

    assertThatThrownBy(() -> read(big))
        .hasMessage(big + ": larger than 16 MiB; split it into several files");
    assertThatThrownBy(() -> stdin.read(List.of("-")))
        .hasMessage("<stdin>: larger than 16 MiB; split it into several files");
  }

  @Test
  void aQuotedMergeKeyIsAnOrdinaryKey() throws InputException {
    // Not in the corpus: the API server accepts no key "<<" in any field the real tier could
    // compare.
    Document document = InputReader.parse("quoted.yaml", "\"<<\": {a: 1}\nb: {'<<': 2}\n").get(0);

    assertThat(document.content()).isEqualTo(Map.of("<<", Map.of("a", 1), "b", Map.of("<<", 2)));
  }

  @Test
  void nestingUpToTheBoundIsRead() throws InputException {
    int depth = StrictYaml.MAX_DEPTH - 1;
    String yaml = "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";

    assertThat(InputReader.parse("deep.yaml", yaml)).hasSize(1);
  }

  @Test
  void aliasesMayExpandUpToTheBound() throws InputException {
    // 700 aliases of a 700-item list: about 2 MB once expanded, under the 3 MiB bound.
    String yaml = "a: &a [" + "xx, ".repeat(699) + "xx]\nb: [" + "*a, ".repeat(699) + "*a]\n";

    Document document = InputReader.parse("wide.yaml", yaml).get(0);

    assertThat((List<?>) document.content().get("b"))
        .hasSize(700)
        .allMatch(l -> ((List<?>) l).size() == 700);
  }

  @Test
  void anAliasBombIsRefusedByTheAliasCountLongBeforeItsSize() {
    StringBuilder yaml = new StringBuilder("a: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [");
      yaml.append(("*l" + (i - 1) + ", ").repeat(9)).append("*l").append(i - 1).append("]\n");
    }

    assertThatThrownBy(() -> InputReader.parse("bomb.yaml", yaml.toString()))
        .hasMessageContaining("bomb.yaml: line ")
        .hasMessageEndingWith(
            "more than 1000 lists or maps repeated by aliases; write the repeated values out");
  }

  @Test
  void aDocumentOver3MiBIsRefusedBeforeItIsParsed() {
    String yaml = "a:\n" + "- 0123456789abcdef\n".repeat(200_000);

    assertThatThrownBy(() -> InputReader.parse("big.yaml", yaml))
        .hasMessage(
            "big.yaml: line 1: the document is larger than 3 MiB, more than the API server "
                + "accepts; split it or shorten its values");
  }

  private static List<Document> read(Path file) throws InputException {
    return new InputReader(InputStream.nullInputStream()).read(List.of(file.toString()));
  }
}
