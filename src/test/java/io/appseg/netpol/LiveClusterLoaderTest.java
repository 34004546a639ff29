package io.appseg.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LiveClusterLoaderTest {
  KubernetesClient client;

  @BeforeEach
  void seed() {
    World.namespaces().forEach(ns -> client.resource(ns).create());
    World.pods().forEach(p -> client.resource(p).create());
    client
        .resource(
            new PodBuilder(World.pod("x", "done", "10.0.1.9", "172.16.0.1"))
                .editStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build())
        .create();
    World.policies(NetpolRulesTest.DENY_INGRESS_X_A).forEach(p -> client.resource(p).create());
  }

  @Test
  void loadsEverythingAndSkipsFinishedPods() {
    LoadResult r = LiveClusterLoader.load(client, List.of());
    assertThat(r.cluster().pods()).hasSize(9);
    assertThat(r.notes()).containsExactly("skipped pod x/done (Succeeded)");
    assertThat(World.tcp(r.cluster(), "y/b", "x/a", 80)).isFalse();
    assertThat(World.tcp(r.cluster(), "y/b", "x/b", 80)).isTrue();
  }

  @Test
  void loadsOnlyTheGivenNamespaces() {
    Cluster c = LiveClusterLoader.load(client, List.of("y")).cluster();
    assertThat(c.pods()).extracting(PodInfo::namespace).containsOnly("y");
    assertThat(c.policies()).isEmpty();
    assertThatThrownBy(() -> LiveClusterLoader.load(client, List.of("nope")))
        .hasMessage("namespace nope not found");
  }
}
