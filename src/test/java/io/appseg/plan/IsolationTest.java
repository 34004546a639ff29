package io.appseg.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What others isolate, and what of it the planner and the self-check read (its meaning). */
class IsolationTest {

  private static NetworkPolicy denyAll(String name, Map<String, String> labels, String tier) {
    NetworkPolicyBuilder b =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .endPodSelector()
            .withPolicyTypes("Ingress", "Egress")
            .endSpec();
    if (tier != null) {
      b.editSpec().editPodSelector().addToMatchLabels("tier", tier).endPodSelector().endSpec();
    }
    return b.build();
  }

  private static Map<String, String> app(String name) {
    return Map.of(
        Labels.MANAGED_BY,
        Labels.MANAGER,
        Labels.SEGMENTATION,
        name,
        Labels.SEGMENTATION_NAMESPACE,
        "shop");
  }

  private static Isolation of(NetworkPolicy... policies) {
    return Isolation.of(List.of(policies), "shop", "me");
  }

  @Test
  void tenAppsDefaultDeniesMeanWhatOneDoes() {
    Isolation one = of(denyAll("a.default-deny", app("a"), null));
    Isolation two = of(denyAll("a.default-deny", app("a"), null), denyAll("b.x", app("b"), null));

    assertThat(two).isNotEqualTo(one);
    assertThat(two.meaning()).isEqualTo(one.meaning()).isNotEmpty();
  }

  @Test
  void anotherSelectorMeansSomethingElse() {
    assertThat(of(denyAll("a.web", app("a"), "web")).meaning())
        .isNotEqualTo(of(denyAll("a.web", app("a"), "api")).meaning())
        .isNotEqualTo(of(denyAll("a.web", app("a"), null)).meaning());
  }

  /** A hand-written policy may hold a name the plan writes: the self-check reads that name. */
  @Test
  void aForeignPolicyKeepsItsName() {
    assertThat(of(denyAll("lockdown", Map.of(), null)).meaning())
        .isNotEqualTo(of(denyAll("lockdown-2", Map.of(), null)).meaning());
  }

  @Test
  void theAppsOwnPoliciesMeanNothing() {
    assertThat(of(denyAll("me.default-deny", app("me"), null)).meaning())
        .isEqualTo(Isolation.NONE.meaning());
  }
}
