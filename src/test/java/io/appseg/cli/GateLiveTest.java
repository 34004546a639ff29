package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff --live} and {@code test --live}: the cluster's pods join the population, by their own
 * names.
 */
@EnableKubernetesMockClient(crud = true)
class GateLiveTest {
  private static final String THREE_TIER = "src/test/resources/diff/three-tier.yaml";

  KubernetesClient client;

  @TempDir Path tmp;

  private Path kubeconfig;

  @BeforeEach
  void aLegacyPodBesideTheApp() throws IOException {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("production").endMetadata().build())
        .create();
    client
        .pods()
        .inNamespace("production")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("legacy-0")
                .addToLabels("app", "legacy")
                .endMetadata()
                .withNewStatus()
                .withPodIP("10.1.0.7")
                .endStatus()
                .build())
        .create();
    kubeconfig = Cli.kubeconfig(tmp, client.getConfiguration());
  }

  @Test
  void aNewAppClosesWhatItsDefaultDenyTakesFromALivePod() {
    Cli.Result r =
        Cli.run(
            "diff",
            "--base",
            "/dev/null",
            "--head",
            THREE_TIER,
            "--live",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "mock");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines())
        .anyMatch(l -> l.startsWith("  closed  ") && l.contains("production with app=legacy"));
  }

  @Test
  void expectationsNameLivePods() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("expect.yaml"),
            """
        apiVersion: appseg.io/v1alpha1
        kind: ConnectivityExpectations
        expectations:
          - {from: production/legacy-0, to: three-tier/database, port: 5432, expect: denied}
          - {from: three-tier/backend, to: production/legacy-0, port: 8080, expect: denied}
        """);

    Cli.Result r =
        Cli.run(
            "test",
            "-f",
            file.toString(),
            "-f",
            THREE_TIER,
            "--live",
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "mock");

    assertThat(r.out()).as(r.toString()).isEqualTo("2 expectations: 2 passed, 0 failed\n");
  }
}
