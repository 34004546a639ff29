package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.CrdFiles;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart and the kustomize install (config/default) are two packagings of one operator: the
 * same CRD (the generated one in crds/) and the same least-privilege RBAC rules. A change to one
 * without the other fails.
 */
class ChartMatchesConfigTest {
  private static final Path CHART_CRD_COPY =
      ChartFixture.CHART.resolve("files").resolve(CrdFiles.COMMITTED.getFileName());

  private static Rendered chart;
  private static Rendered kustomize;

  @BeforeAll
  static void render() {
    chart = ChartFixture.render(Map.of());
    kustomize = new Rendered(ChartFixture.parse(Kustomize.build(Path.of("config", "default"))));
  }

  @Test
  void chartFilesCopyOfTheCrdIsByteEqualToCrds() {
    assertThat(CrdFiles.read(CHART_CRD_COPY))
        .as("%s is stale: run hack/update-crds.sh", CHART_CRD_COPY)
        .isEqualTo(CrdFiles.read(CrdFiles.COMMITTED));
  }

  @Test
  void chartRendersTheCommittedCrdWithOnlyLabelsAndKeepAdded() {
    CustomResourceDefinition rendered =
        chart.one("CustomResourceDefinition", CustomResourceDefinition.class);
    assertThat(rendered.getMetadata().getAnnotations()).containsOnlyKeys("helm.sh/resource-policy");
    assertThat(rendered.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "Helm");

    assertThat(withoutLabelsAndAnnotations(rendered))
        .isEqualTo(withoutLabelsAndAnnotations(CrdFiles.load(CrdFiles.COMMITTED)));
  }

  @Test
  void chartClusterRoleRulesEqualConfigRbac() {
    ClusterRole config = load("config/rbac/cluster_role.yaml", ClusterRole.class);
    assertThat(chart.one("ClusterRole", ClusterRole.class).getRules()).isEqualTo(config.getRules());
  }

  @Test
  void chartLeaseRoleRulesEqualConfigRbac() {
    Role config = load("config/rbac/leader_election_role.yaml", Role.class);
    Role role = chart.one("Role", Role.class);
    assertThat(role.getRules()).isEqualTo(config.getRules());
    assertThat(role.getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getResources()).containsExactly("leases"));
  }

  @Test
  void kustomizeBuildsTheSameCrdAndRbac() {
    assertThat(
            withoutLabelsAndAnnotations(
                kustomize.one("CustomResourceDefinition", CustomResourceDefinition.class)))
        .isEqualTo(
            withoutLabelsAndAnnotations(
                chart.one("CustomResourceDefinition", CustomResourceDefinition.class)));
    assertThat(kustomize.one("ClusterRole", ClusterRole.class).getRules())
        .isEqualTo(chart.one("ClusterRole", ClusterRole.class).getRules());
    assertThat(kustomize.one("Role", Role.class).getRules())
        .isEqualTo(chart.one("Role", Role.class).getRules());
    assertThat(kustomize.one("Role", Role.class).getMetadata().getNamespace())
        .isEqualTo("appseg-system");
    assertThat(kustomize.one("ClusterRoleBinding", ClusterRoleBinding.class).getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("appseg-system"));
    assertThat(kustomize.kinds())
        .contains(
            "Namespace/appseg-system",
            "ServiceAccount/appseg-operator",
            "Deployment/appseg-operator",
            "RoleBinding/appseg-operator-leader-election");
  }

  @Test
  void bothShipADisruptionBudgetAMetricsServiceAndTheOperatorsOwnNetworkPolicy() {
    NetworkPolicy policy = chart.one("NetworkPolicy", NetworkPolicy.class);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getFrom()).isNullOrEmpty();
              assertThat(r.getPorts())
                  .singleElement()
                  .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
            });
    assertThat(policy.getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 6443);
    NetworkPolicy kustomized = kustomize.one("NetworkPolicy", NetworkPolicy.class);
    assertThat(kustomized.getSpec().getIngress()).isEqualTo(policy.getSpec().getIngress());
    assertThat(kustomized.getSpec().getEgress()).isEqualTo(policy.getSpec().getEgress());

    assertThat(
            kustomize
                .one("PodDisruptionBudget", PodDisruptionBudget.class)
                .getSpec()
                .getMaxUnavailable())
        .isEqualTo(
            chart
                .one("PodDisruptionBudget", PodDisruptionBudget.class)
                .getSpec()
                .getMaxUnavailable());
    assertThat(kustomize.one("Service", Service.class).getSpec().getPorts())
        .isEqualTo(chart.one("Service", Service.class).getSpec().getPorts());
    assertThat(
            ChartFixture.render(
                    Map.of("replicaCount", 1, "leaderElection", Map.of("enabled", false)))
                .has("PodDisruptionBudget"))
        .as("one replica: a budget would block every drain")
        .isFalse();
  }

  private static CustomResourceDefinition withoutLabelsAndAnnotations(
      CustomResourceDefinition crd) {
    CustomResourceDefinition copy = Serialization.clone(crd);
    copy.getMetadata().setLabels(null);
    copy.getMetadata().setAnnotations(null);
    return copy;
  }

  private static <T> T load(String file, Class<T> type) {
    return Serialization.unmarshal(CrdFiles.read(Path.of(file)), type);
  }
}
