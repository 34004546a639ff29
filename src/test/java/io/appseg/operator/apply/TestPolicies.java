package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

/**
 * Policies of the AppSegmentation shop/shop, as the planner makes them and as the apply step stamps
 * them.
 */
final class TestPolicies {

  static AppSegmentation seg() {
    AppSegmentation seg = new AppSegmentation();
    seg.setMetadata(
        new ObjectMetaBuilder().withName("shop").withNamespace("shop").withUid("uid-1").build());
    return seg;
  }

  static NetworkPolicy planned(String namespace, String name) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Labels.forPolicy("shop", "shop", Labels.ROLE_TIER, "api"))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .addToMatchLabels("tier", "api")
        .addToMatchLabels("app", "shop")
        .endPodSelector()
        .addNewIngress()
        .addNewPort()
        .withNewPort(8080)
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  static NetworkPolicy stamped(String namespace, String name) {
    return DesiredPolicies.stamp(planned(namespace, name), seg());
  }

  private TestPolicies() {}
}
