package io.appseg.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private static final String PODS =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {team: a}}
      ---
      ---
      apiVersion: v1
      kind: List
      items:
      - {apiVersion: v1, kind: Pod, metadata: {name: web, namespace: shop, labels: {tier: web}}, status: {podIP: 10.0.0.1}}
      - {apiVersion: v1, kind: Pod, metadata: {name: db, namespace: shop, labels: {tier: db}}, status: {podIP: 10.0.0.2}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      """;

  @Test
  void readsMultiDocumentYamlListsAndNotesOtherKinds() {
    LoadResult r = ManifestLoader.read("pods.yaml", PODS);
    assertThat(r.cluster().pods())
        .extracting(PodInfo::toString)
        .containsExactly("shop/db", "shop/web");
    assertThat(r.cluster().namespace("shop").orElseThrow().labels())
        .containsEntry("team", "a")
        .containsEntry("kubernetes.io/metadata.name", "shop");
    assertThat(r.notes()).containsExactly("pods.yaml document 4: ignored Deployment web (apps/v1)");
  }

  @Test
  void readsFilesDirectoriesAndJson(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-pods.yaml"), PODS);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(
        dir.resolve("sub/policy.json"),
        """
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicyList", "items": [
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "db", "namespace": "shop"},
           "spec": {"podSelector": {"matchLabels": {"tier": "db"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"tier": "web"}}}]}]}}]}
        """);
    Files.writeString(dir.resolve("README.md"), "not a manifest");
    Cluster c = ManifestLoader.load(List.of(dir)).cluster();
    assertThat(c.policies()).hasSize(1);
    assertThat(World.tcp(c, "shop/web", "shop/db", 5432)).isTrue();
    assertThat(World.tcp(c, "10.0.0.9", "shop/db", 5432)).isFalse();
    assertThat(World.tcp(c, "shop/db", "shop/web", 80)).isTrue();
  }

  @Test
  void namesFileAndDocumentOfEveryProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: ok, namespace: x}
        spec: {podSelector: {}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: bad, namespace: x}
        spec:
          policyTypes: [ingress]
          ingress: [{from: [{}], ports: [{port: 80, protocol: tcp}]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: x}
        status: {podIP: not-an-ip}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: x}
        ---
        metadata: {name: nokind}
        """);
    assertThatThrownBy(() -> ManifestLoader.load(List.of(file)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        file
                            + " document 2: NetworkPolicy x/bad: spec.policyTypes[0]: 'ingress' is not Ingress or Egress",
                        file
                            + " document 2: NetworkPolicy x/bad: spec.ingress[0].from[0]: must specify a peer (podSelector, namespaceSelector or ipBlock); {} is not a wildcard",
                        file
                            + " document 2: NetworkPolicy x/bad: spec.ingress[0].ports[0].protocol: 'tcp' is not TCP, UDP or SCTP",
                        file
                            + " document 3: Pod x/p: status.podIP: 'not-an-ip' is not an IP address",
                        file + " document 4: Pod x/p was already given in " + file + " document 3",
                        file + " document 5: kind is missing"));
  }

  @Test
  void syntaxErrorsAndMissingFilesAreOneLineMessages(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ManifestLoader.read("s.yaml", "kind: Pod\n---\nkind: [unclosed\n"))
        .hasMessageStartingWith("s.yaml document 2: not valid YAML:")
        .hasMessageContaining("line ");
    assertThatThrownBy(
            () ->
                ManifestLoader.read(
                    "s.yaml",
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: 7}\n"))
        .hasMessageStartingWith("s.yaml document 1: not a valid Pod:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> ManifestLoader.load(List.of(dir.resolve("missing.yaml"))))
        .hasMessage(dir.resolve("missing.yaml") + ": no such file or directory");
  }

  @Test
  void objectsWithoutNamespaceLandInDefault() {
    Cluster c =
        ManifestLoader.read(
                "d.yaml",
                """
        {apiVersion: v1, kind: Pod, metadata: {name: p}}
        ---
        {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny}, spec: {podSelector: {}}}
        """)
            .cluster();
    assertThat(c.pod("default", "p")).isPresent();
    assertThat(World.tcp(c, "1.1.1.1", "default/p", 80)).isFalse();
  }
}
