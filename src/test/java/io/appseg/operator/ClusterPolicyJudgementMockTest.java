package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * P11 (docs/design.md) with a cluster-wide tier: where discovery finds ClusterNetworkPolicy
 * v1alpha2 at start, the operator watches it as generic resources and re-judges every app when one
 * changes.
 */
class ClusterPolicyJudgementMockTest extends OperatorMockServerTestBase {
  private static final Path DIR =
      Samples.BASE.resolve("src/test/resources/ClusterPolicyJudgementMockTest");
  private static final String PRODUCTION = "production";
  private static final String ADMIN_DENY =
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: no-db}
      spec:
        tier: Admin
        priority: 5
        subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: postgresql}}}}
        ingress: [{name: lockdown, action: Deny, from: [{namespaces: {}}]}]
      """;

  @Override
  void beforeOperatorStarts() {
    try (var crd = new FileInputStream(DIR.resolve("clusternetworkpolicies-crd.yaml").toFile())) {
      client.load(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    namespace(PRODUCTION, null);
  }

  @Test
  void anAdminTierDenyBlocksADeclaredFlowIsNamedAndItsRemovalMakesTheAppReadyWithoutAWriteOfOurs() {
    create(Samples.load(Samples.named("02-database-isolation.yaml")));
    awaitReady(PRODUCTION, "postgresql", Reason.Reconciled);
    double policyWrites = operator.metrics().writes("networkpolicies");

    GenericKubernetesResource deny =
        client
            .resource(Serialization.unmarshal(ADMIN_DENY, GenericKubernetesResource.class))
            .create();

    awaitReady(PRODUCTION, "postgresql", Reason.FlowBlocked);
    assertThat(
            StatusFactory.find(current(PRODUCTION, "postgresql").getStatus(), StatusFactory.READY)
                .getMessage())
        .contains(
            "is denied by ClusterNetworkPolicy no-db (Admin tier, priority 5) ingress[0] lockdown: Deny");

    client.resource(deny).delete();

    awaitReady(PRODUCTION, "postgresql", Reason.Reconciled);
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(policyWrites);
  }
}
