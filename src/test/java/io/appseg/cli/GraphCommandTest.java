package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
