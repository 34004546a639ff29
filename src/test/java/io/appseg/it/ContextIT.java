package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.LiveClusterLoader;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Labels;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
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
  void samples01And02TogetherConvergeWith02sPeerHalfAndTheFlowAllowed() {
    pod("api", "app", "api-server");
    pod("db", "app", "postgresql");
    AppSegmentation threeTier = op.create(Samples.load(Samples.named("01-three-tier.yaml")));
    op.awaitReady(PRODUCTION, "three-tier", "True", "Reconciled");
    op.create(Samples.load(Samples.named("02-database-isolation.yaml")));

    await("02's peer half")
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(peerHalvesOf02()).hasSize(1));
    op.awaitReady(PRODUCTION, "postgresql", "True", "Reconciled");
    assertThat(apiToDatabase()).as("api-server -> postgresql:5432 in the live cluster").isTrue();
    assertThat(op.events(PRODUCTION, "postgresql", "FlowBlocked")).isEmpty();

    client.resource(threeTier).delete();

    // Nothing isolates the API server any more: its half would now isolate it, so it goes.
    await("02's peer half pruned")
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(peerHalvesOf02()).isEmpty());
    op.awaitReady(PRODUCTION, "postgresql", "True", "Reconciled");
    assertThat(apiToDatabase()).isTrue();
  }

  private static List<NetworkPolicy> peerHalvesOf02() {
    return op.policiesOf(PRODUCTION, "postgresql").values().stream()
        .filter(p -> Labels.ROLE_PEER.equals(p.getMetadata().getLabels().get(Labels.COMPONENT)))
        .toList();
  }

  private static boolean apiToDatabase() {
    Cluster live = LiveClusterLoader.load(client, List.of(PRODUCTION)).cluster();
    return NetworkPolicyEvaluator.allows(
        live,
        Connection.tcp(Endpoint.pod(PRODUCTION, "api"), Endpoint.pod(PRODUCTION, "db"), 5432));
  }

  /** A pod object (never scheduled: the control plane has no nodes), enough to evaluate. */
  private static void pod(String name, String key, String value) {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace(PRODUCTION)
                .withName(name)
                .addToLabels(key, value)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("registry.invalid/app:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void
      aForeignDenyIsolatingAPeerOutsideTheAppsNamespacesTurnsFlowBlockedWithItsNameAndItsRemovalReady() {
    // The peer lives where the app writes nothing: the planner cannot give it its half, so it
    // reports.
    String ns = Namespaces.uniqueName("apis");
    kube.createNamespace(ns, Map.of());
    String app = ownCopyOf02("blocked", ns);
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

    op.awaitReady(app, "postgresql", "False", "FlowBlocked");
    assertThat(op.condition(app, "postgresql", StatusFactory.READY).getMessage())
        .contains("is denied by NetworkPolicy " + ns + "/api-egress-lockdown");

    client.resource(deny).delete();

    op.awaitReady(app, "postgresql", "True", "Reconciled");
    assertThat(op.writes("networkpolicies")).isEqualTo(policyWrites);
  }

  @Test
  void aForeignAllowAllTurnsExposedWithItsNameAndItsRemovalClearsItWithoutAPolicyWrite() {
    String ns = ownCopyOf02("exposed", null);
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

  /**
   * Sample 02 alone in a new namespace, its API server peer in {@code peerNamespace} (null: its
   * own), applied and Ready; the namespace's name.
   */
  private static String ownCopyOf02(String prefix, String peerNamespace) {
    String ns = Namespaces.uniqueName(prefix);
    kube.createNamespace(ns, Map.of());
    AppSegmentation seg = Samples.load(Samples.named("02-database-isolation.yaml"));
    seg.getMetadata().setNamespace(ns);
    seg.getSpec().getFlows().get(0).getFrom().setNamespace(peerNamespace);
    op.create(seg);
    op.awaitReady(ns, "postgresql", "True", "Reconciled");
    return ns;
  }
}
