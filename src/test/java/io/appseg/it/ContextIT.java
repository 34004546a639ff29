package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.status.StatusFactory;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * P11 (docs/design.md) on a real control plane, with server-side apply: an applied plan judged with
 * everything else in force, and re-judged when the other objects change, with no write of ours when
 * nothing of ours changed.
 */
class ContextIT extends KubeIT {
  private static final String PRODUCTION = "production";

  private static RunningOperator op;

  @BeforeAll
  static void startOperator() {
    op =
        RunningOperator.start(
            client, client.getConfiguration(), Map.of("APPSEG_LEADER_ELECTION", "false"));
    kube.createNamespace(PRODUCTION, Map.of());
  }

  @AfterAll
  static void stopOperator() {
    if (op != null) {
      op.close();
    }
  }

  @Test
  void samples01And02TogetherReport02FlowBlockedUntil01Goes() {
    AppSegmentation threeTier = op.create(Samples.load(Samples.named("01-three-tier.yaml")));
    op.awaitReady(PRODUCTION, "three-tier", "True", "Reconciled");
    op.create(Samples.load(Samples.named("02-database-isolation.yaml")));

    // Until the planner closes the gap (issue 11 item 3), this is the truthful status of 02.
    op.awaitReady(PRODUCTION, "postgresql", "False", "FlowBlocked");
    assertThat(op.condition(PRODUCTION, "postgresql", StatusFactory.READY).getMessage())
        .startsWith("spec.flows[0] ")
        .contains(":5432/TCP is denied by NetworkPolicy production/three-tier.default-deny");
    assertThat(op.policiesOf(PRODUCTION, "postgresql"))
        .as("a blocked plan is applied")
        .isNotEmpty();
    assertThat(op.events(PRODUCTION, "postgresql", "FlowBlocked")).hasSize(1);
    Map<String, String> ours = op.resourceVersions(PRODUCTION, "postgresql");

    client.resource(threeTier).delete();

    op.awaitReady(PRODUCTION, "postgresql", "True", "Reconciled");
    assertThat(op.resourceVersions(PRODUCTION, "postgresql")).isEqualTo(ours);
  }

  @Test
  void
      aForeignDenyThatIsolatesAPeerTurnsFlowBlockedWithItsNameAndItsRemovalReadyWithoutAPolicyWrite() {
    String ns = ownCopyOf02("blocked");
    double policyWrites = op.writes("networkpolicies");

    NetworkPolicy deny =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
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

    op.awaitReady(ns, "postgresql", "False", "FlowBlocked");
    assertThat(op.condition(ns, "postgresql", StatusFactory.READY).getMessage())
        .contains("is denied by NetworkPolicy " + ns + "/api-egress-lockdown");

    client.resource(deny).delete();

    op.awaitReady(ns, "postgresql", "True", "Reconciled");
    assertThat(op.writes("networkpolicies")).isEqualTo(policyWrites);
  }

  @Test
  void aForeignAllowAllTurnsExposedWithItsNameAndItsRemovalClearsItWithoutAPolicyWrite() {
    String ns = ownCopyOf02("exposed");
    double policyWrites = op.writes("networkpolicies");

    NetworkPolicy allowAll =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
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

    await("Exposed=True")
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition exposed = op.condition(ns, "postgresql", StatusFactory.EXPOSED);
              assertThat(exposed.getStatus()).isEqualTo("True");
              assertThat(exposed.getMessage())
                  .contains("is not declared but allowed by NetworkPolicy " + ns + "/allow-all");
            });
    assertThat(op.events(ns, "postgresql", "Exposed"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(ns + "/allow-all"));

    client.resource(allowAll).delete();

    await("Exposed=False")
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(op.condition(ns, "postgresql", StatusFactory.EXPOSED).getStatus())
                    .isEqualTo("False"));
    op.awaitReady(ns, "postgresql", "True", "Reconciled");
    assertThat(op.writes("networkpolicies")).isEqualTo(policyWrites);
  }

  /** Sample 02 alone in a new namespace, applied and Ready; the namespace's name. */
  private static String ownCopyOf02(String prefix) {
    String ns = Namespaces.uniqueName(prefix);
    kube.createNamespace(ns, Map.of());
    AppSegmentation seg = Samples.load(Samples.named("02-database-isolation.yaml"));
    seg.getMetadata().setNamespace(ns);
    op.create(seg);
    op.awaitReady(ns, "postgresql", "True", "Reconciled");
    return ns;
  }
}
