package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class GraphCommandTest {
  private static final Path SAMPLE = Path.of("samples/01-three-tier.yaml");

  KubernetesClient client;

  @TempDir Path tmp;

  @Test
  void drawsTheFlowsOfAFileAsMermaid() {
    Cli.Result r = Cli.run("graph", "-f", SAMPLE.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("flowchart LR\n  subgraph ns0[\"namespace production\"]")
        .contains("tier_frontend -->|\"8080/TCP\"| tier_backend");
  }

  @Test
  void manyAppsAreOneMermaidDiagramWithASubgraphEach() {
    Cli.Result r = Cli.run("graph", "-f", "samples/");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(count(r.out(), "(?m)^flowchart LR$")).isEqualTo(1);
    assertThat(count(r.out(), "(?m)^  subgraph app\\d+\\[\"AppSegmentation ")).isEqualTo(SAMPLES);
    assertEveryEdgeJoinsDeclaredNodes(
        r.out(), "(?m)^\\s+(\\w+)(?:\\[\"|\\(\\[)", "(?m)^\\s+(\\w+) -->\\|[^|]*\\| (\\w+)$");
  }

  @Test
  void manyAppsAreOneDotGraphWithAClusterEach() {
    Cli.Result r = Cli.run("graph", "-f", "samples/", "-o", "dot");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(count(r.out(), "(?m)^digraph ")).isEqualTo(1);
    assertThat(count(r.out(), "(?m)^  subgraph cluster_app\\d+ \\{$")).isEqualTo(SAMPLES);
    assertEveryEdgeJoinsDeclaredNodes(
        r.out(), "(?m)^\\s+(\\w+) \\[label=", "(?m)^\\s+(\\w+) -> (\\w+) \\[label=");
  }

  @Test
  void splitDrawsOneDiagramPerApp() {
    Cli.Result mermaid = Cli.run("graph", "-f", "samples/", "--split");
    Cli.Result dot = Cli.run("graph", "-f", "samples/", "--split", "-o", "dot");

    assertThat(count(mermaid.out(), "(?m)^flowchart LR$")).isEqualTo(SAMPLES);
    assertThat(count(dot.out(), "(?m)^digraph ")).isEqualTo(SAMPLES);
    assertThat(mermaid.out()).doesNotContain("app0_");
  }

  private static final int SAMPLES = 15;

  private static long count(String text, String regex) {
    return Pattern.compile(regex).matcher(text).results().count();
  }

  /** Node ids are declared once each, and every edge joins two of them (none of another app). */
  private static void assertEveryEdgeJoinsDeclaredNodes(String text, String node, String edge) {
    List<String> nodes =
        Pattern.compile(node).matcher(text).results().map(m -> m.group(1)).toList();
    assertThat(nodes).doesNotHaveDuplicates().isNotEmpty();
    List<MatchResult> edges = Pattern.compile(edge).matcher(text).results().toList();
    assertThat(edges).isNotEmpty();
    edges.forEach(m -> assertThat(nodes).contains(m.group(1), m.group(2)));
  }

  @Test
  void drawsTheAppSegmentationsOfALiveClusterAsDot() throws IOException {
    client
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(Files.readString(SAMPLE), AppSegmentation.class))
        .create();
    Path kubeconfig = Cli.kubeconfig(tmp, client.getConfiguration());

    Cli.Result r =
        Cli.run(
            "graph",
            "--live",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "mock",
            "-o",
            "dot");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("digraph \"production/three-tier\" {")
        .contains("tier_frontend -> tier_backend [label=\"8080/TCP\"];");
  }

  @Test
  void anInvalidAppSegmentationIsReportedAndNothingDrawn() throws IOException {
    Path bad =
        Files.writeString(
            tmp.resolve("bad.yaml"),
            Files.readString(SAMPLE).replaceFirst("to: \\{tier: backend\\}", "to: {tier: nope}"));

    Cli.Result r = Cli.run("graph", "-f", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("tier \"nope\" is not declared").contains("nothing drawn");
    Cli.assertNoStackTrace(r);
  }

  @Test
  void needsFilesOrLive() {
    assertThat(Cli.run("graph").exitCode()).isEqualTo(2);
  }
}
