package io.appseg.it;

import static io.appseg.it.RunningOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A port range (NetworkPolicy endPort, GA since Kubernetes 1.25) through both write paths of the
 * operator: server-side apply (the default) and create/update. The server stores the range exactly
 * as planned, so the operator converges with one write per policy, then writes nothing, a restart
 * writes nothing either, and real drift is still repaired (P9, docs/design.md).
 */
class EndPortIT extends KubeIT {

  @ParameterizedTest(name = "APPSEG_SERVER_SIDE_APPLY={0}")
  @ValueSource(strings = {"true", "false"})
  void aPortRangeRoundTripsStaysQuietSurvivesARestartAndDriftIsRepaired(String serverSideApply) {
    Map<String, String> env =
        Map.of("APPSEG_LEADER_ELECTION", "false", "APPSEG_SERVER_SIDE_APPLY", serverSideApply);
    String ns = kube.createUniqueNamespace("range");
    String webNs = Namespaces.uniqueName("range-web");
    kube.createNamespace(webNs, Map.of(Labels.GRANT_ANNOTATION, ns));
    AppSegmentation app = AppSegmentations.shop(ns, webNs);
    app.getSpec()
        .getTiers()
        .get(1)
        .setPorts(List.of(new PortSpec(new IntOrString(8000), 8100, null)));

    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), env)) {
      op.create(app);
      op.awaitReady(ns, "shop", "True", "Reconciled");
      NetworkPolicyPort stored = ingressPort(op.policy(ns, "shop.api"));
      assertThat(stored.getPort().getIntVal()).isEqualTo(8000);
      assertThat(stored.getEndPort()).as("the range as planned").isEqualTo(8100);

      op.touchNamespace(webNs, "settle");
      double all = op.operator().metrics().writes();
      op.touchNamespace(webNs, "1");
      op.touchNamespace(ns, "2");
      assertThat(op.operator().metrics().writes()).as("in sync: no write").isEqualTo(all);
      // A plain grant: no namespace-wide default-deny in webNs, so four policies.
      assertThat(op.writes("networkpolicies")).as("one write per policy").isEqualTo(4);
    }

    try (RunningOperator op = RunningOperator.start(client, client.getConfiguration(), env)) {
      op.touchNamespace(webNs, "restarted");
      op.touchNamespace(ns, "after-restart");
      assertThat(op.writes("networkpolicies")).as("a restart finds everything in sync").isZero();

      client
          .network()
          .v1()
          .networkPolicies()
          .inNamespace(ns)
          .withName("shop.api")
          .edit(
              np ->
                  new NetworkPolicyBuilder(np)
                      .editSpec()
                      .editFirstIngress()
                      .editFirstPort()
                      .withEndPort(9000)
                      .endPort()
                      .endIngress()
                      .endSpec()
                      .build());
      await("drift repaired")
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(ingressPort(op.policy(ns, "shop.api")).getEndPort()).isEqualTo(8100));
      assertThat(op.writes("networkpolicies")).isEqualTo(1);
    }
  }

  private static NetworkPolicyPort ingressPort(NetworkPolicy np) {
    return np.getSpec().getIngress().get(0).getPorts().get(0);
  }
}
