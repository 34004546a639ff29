package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * P11 (docs/design.md) on the mock server: an applied plan judged with everything else in force,
 * re-judged when the other objects change; the planner closing a gap within the app's reach.
 * Samples 01 and 02 share namespace production.
 */
class ContextJudgementMockTest extends OperatorMockServerTestBase {
  private static final String PRODUCTION = "production";
  private static final String DATABASE = "postgresql";
  private static final String APIS = "apis";

  @BeforeEach
  void production() {
    namespace(PRODUCTION, null);
  }

  @Test
  void samples01And02TogetherGive02sPeerItsHalfSoBothAreReadyAndItGoesWith01() {
    create(Samples.load(Samples.named("01-three-tier.yaml")));
    create(Samples.load(Samples.named("02-database-isolation.yaml")));

    awaitReady("three-tier", Reason.Reconciled);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(peerHalves()).hasSize(1));
    awaitReady(DATABASE, Reason.Reconciled);
    NetworkPolicy half = peerHalves().get(0);
    assertThat(half.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "api-server"));
    assertThat(half.getSpec().getPolicyTypes()).containsExactly("Egress");
    assertThat(half.getMetadata().getLabels()).containsEntry(Labels.SEGMENTATION, DATABASE);
    assertThat(events(PRODUCTION, "FlowBlocked")).isEmpty();
    assertThat(operator.metrics().blockedApps()).isZero();

    AppSegmentation threeTier =
        client.resource(Samples.load(Samples.named("01-three-tier.yaml"))).get();
    client.resource(threeTier).delete();
    // An app of one namespace holds no finalizer: the garbage collector removes its policies
    // (ownerReferences), and the mock server has none, so the test does it.
    client.network().v1().networkPolicies().inNamespace(PRODUCTION).list().getItems().stream()
        .filter(
            np ->
                np.getMetadata().getOwnerReferences().stream()
                    .anyMatch(r -> r.getUid().equals(threeTier.getMetadata().getUid())))
        .forEach(np -> client.resource(np).delete());

    // Nothing isolates the API server any more: its half would now isolate it, so it goes.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(peerHalves()).isEmpty());
    awaitReady(DATABASE, Reason.Reconciled);
  }

  @Test
  void
      aForeignDenyOutsideTheAppsNamespacesBlocksAFlowAndItsRemovalMakesTheAppReadyWithoutAWriteOfOurs() {
    namespace(APIS, null);
    AppSegmentation seg = Samples.load(Samples.named("02-database-isolation.yaml"));
    seg.getSpec().getFlows().get(0).getFrom().setNamespace(APIS);
    create(seg);
    awaitReady(DATABASE, Reason.Reconciled);
    NetworkPolicy deny =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(APIS)
                    .withName("api-egress-lockdown")
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector()
                    .addToMatchLabels("app", "api-server")
                    .endPodSelector()
                    .withPolicyTypes("Egress")
                    .endSpec()
                    .build())
            .create();

    awaitReady(DATABASE, Reason.FlowBlocked);
    assertThat(condition(DATABASE, StatusFactory.READY).getMessage())
        .contains("is denied by NetworkPolicy apis/api-egress-lockdown");
    double policyWrites = operator.metrics().writes("networkpolicies");
    Map<String, String> versions = resourceVersions();

    client.resource(deny).delete();

    awaitReady(DATABASE, Reason.Reconciled);
    versions.remove(APIS + "/api-egress-lockdown");
    assertThat(resourceVersions()).isEqualTo(versions);
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(policyWrites);
    assertThat(operator.metrics().blockedApps()).isZero();
  }

  @Test
  void aForeignAllowAllExposesTheAppNamedInStatusEventAndMetricAndItsRemovalClearsIt() {
    create(Samples.load(Samples.named("02-database-isolation.yaml")));
    awaitReady(DATABASE, Reason.Reconciled);
    assertThat(condition(DATABASE, StatusFactory.EXPOSED).getStatus())
        .isEqualTo(StatusFactory.FALSE);
    NetworkPolicy allowAll =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(PRODUCTION)
                    .withName("allow-all")
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                    .endIngress()
                    .withPolicyTypes("Ingress")
                    .endSpec()
                    .build())
            .create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition exposed = condition(DATABASE, StatusFactory.EXPOSED);
              assertThat(exposed.getStatus()).isEqualTo(StatusFactory.TRUE);
              assertThat(exposed.getReason()).isEqualTo("UndeclaredAllowed");
              assertThat(exposed.getMessage())
                  .contains("is not declared but allowed by NetworkPolicy production/allow-all");
            });
    awaitReady(DATABASE, Reason.Reconciled); // an opening does not make the declared flows fail
    assertThat(events(PRODUCTION, "Exposed"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("production/allow-all"));
    assertThat(operator.metrics().exposedApps()).isEqualTo(1);
    double policyWrites = operator.metrics().writes("networkpolicies");

    client.resource(allowAll).delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(condition(DATABASE, StatusFactory.EXPOSED).getStatus())
                    .isEqualTo(StatusFactory.FALSE));
    assertThat(current(PRODUCTION, DATABASE).getStatus().getGaps()).isNull();
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(policyWrites);
    assertThat(operator.metrics().exposedApps()).isZero();
    assertThat(events(PRODUCTION, "Exposed")).hasSize(1);
  }

  private List<NetworkPolicy> peerHalves() {
    return policies().stream()
        .filter(p -> Labels.ROLE_PEER.equals(p.getMetadata().getLabels().get(Labels.COMPONENT)))
        .toList();
  }

  private void awaitReady(String name, Reason reason) {
    awaitReady(PRODUCTION, name, reason);
  }

  private Condition condition(String name, String type) {
    return StatusFactory.find(current(PRODUCTION, name).getStatus(), type);
  }
}
