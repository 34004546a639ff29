package io.appseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.it.AppSegmentations;
import io.appseg.it.KubeIT;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One set of rules, two enforcers: every document of {@link SpecCorpus} goes through {@code appseg
 * render} and through a dry-run create on the real API server (OpenAPI schema and CEL rules), and
 * the two must agree on admitting it. Where render admits, every NetworkPolicy it prints must be
 * admitted by the API server too (dry-run), so render never exits 0 with an object the server would
 * refuse.
 */
class SpecParityIT extends KubeIT {
  private static final Set<String> NAMESPACES = new HashSet<>();
  @TempDir static Path dir;
  private final Cli.Reused cli = new Cli.Reused();

  @BeforeAll
  static void setUp() {
    namespace(SpecCorpus.NAMESPACE);
  }

  static List<SpecCorpus.Entry> corpus() {
    return SpecCorpus.entries();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void theCliAdmitsExactlyWhatTheApiServerAdmits(SpecCorpus.Entry entry) throws IOException {
    Cli.Result render = render(entry);
    String refusal = serverRefusal(entry.resource());

    assertThat(render.exitCode() == 0)
        .as("CLI admits (%s) and API server admits (%s)", render, refusal)
        .isEqualTo(refusal == null);
    Cli.assertNoStackTrace(render);
    if (render.exitCode() == 0) {
      for (HasMetadata policy : rendered(render)) {
        assertThat(serverRefusalOfPolicy((NetworkPolicy) policy))
            .as(
                "rendered %s/%s",
                policy.getMetadata().getNamespace(), policy.getMetadata().getName())
            .isNull();
      }
    }
  }

  @Test
  void everyCategoryHasDocumentsOnBothSides() throws IOException {
    Map<String, Set<Boolean>> sides = new TreeMap<>();
    for (SpecCorpus.Entry entry : SpecCorpus.entries()) {
      sides
          .computeIfAbsent(entry.category(), k -> new HashSet<>())
          .add(render(entry).exitCode() == 0);
    }

    assertThat(
            sides.entrySet().stream().filter(e -> e.getValue().size() < 2).map(Map.Entry::getKey))
        .as("categories whose documents are all admitted or all refused")
        .isEmpty();
  }

  private Cli.Result render(SpecCorpus.Entry entry) throws IOException {
    Path file = Files.createTempFile(dir, "doc", ".json");
    Files.writeString(file, client.getKubernetesSerialization().asJson(entry.resource()));
    return cli.run("render", "-o", "json", "-f", file.toString());
  }

  private static List<HasMetadata> rendered(Cli.Result render) {
    return client
        .getKubernetesSerialization()
        .unmarshal(render.out(), KubernetesList.class)
        .getItems();
  }

  /** Null when admitted, else the server's message. */
  private static String serverRefusal(Map<String, Object> resource) {
    GenericKubernetesResource r =
        client.getKubernetesSerialization().convertValue(resource, GenericKubernetesResource.class);
    try {
      AppSegmentations.untyped(client, SpecCorpus.NAMESPACE).resource(r).dryRun().create();
      return null;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isIn(400, 422);
      return e.getMessage();
    }
  }

  private static String serverRefusalOfPolicy(NetworkPolicy policy) {
    namespace(policy.getMetadata().getNamespace());
    try {
      client.network().networkPolicies().resource(policy).dryRun().create();
      return null;
    } catch (KubernetesClientException e) {
      return e.getMessage();
    }
  }

  private static void namespace(String name) {
    if (NAMESPACES.add(name)) {
      kube.createNamespace(name);
    }
  }
}
