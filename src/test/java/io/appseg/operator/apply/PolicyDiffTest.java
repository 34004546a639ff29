package io.appseg.operator.apply;

import static io.appseg.operator.apply.TestPolicies.planned;
import static io.appseg.operator.apply.TestPolicies.seg;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
  private final AppSegmentation seg = seg();

  @Test
  void sameNamespaceGetsAControllerReferenceOthersOnlyOwnerLabels() {
    NetworkPolicy own = DesiredPolicies.stamp(planned("shop", "shop.api"), seg);
    NetworkPolicy other = DesiredPolicies.stamp(planned("web", "shop.web"), seg);

    assertThat(own.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getController()).isTrue());
    assertThat(other.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(Labels.ownedBy(other.getMetadata().getLabels(), "shop", "shop")).isTrue();
    assertThat(own.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(own.getSpec().getIngress().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
  }

  @Test
  void classifiesCreatesUpdatesPrunesAndConflicts() {
    NetworkPolicy create = DesiredPolicies.stamp(planned("shop", "shop.a"), seg);
    NetworkPolicy same = DesiredPolicies.stamp(planned("shop", "shop.b"), seg);
    NetworkPolicy changed = DesiredPolicies.stamp(planned("shop", "shop.c"), seg);
    NetworkPolicy taken = DesiredPolicies.stamp(planned("shop", "shop.d"), seg);
    NetworkPolicy drifted =
        new NetworkPolicyBuilder(changed)
            .editSpec()
            .editFirstIngress()
            .editFirstPort()
            .withProtocol("UDP")
            .endPort()
            .endIngress()
            .endSpec()
            .build();
    NetworkPolicy foreign =
        new NetworkPolicyBuilder(planned("shop", "shop.d"))
            .editMetadata()
            .withLabels(Map.of("team", "x"))
            .endMetadata()
            .build();
    NetworkPolicy stale = DesiredPolicies.stamp(planned("web", "shop.old"), seg);
    Map<ResourceID, NetworkPolicy> cluster = new HashMap<>();
    List.of(withExtraLabel(same), drifted, foreign, stale)
        .forEach(np -> cluster.put(ResourceID.fromResource(np), np));

    PolicyDiff diff =
        PolicyDiff.compute(
            List.of(create, same, changed, taken),
            List.of(withExtraLabel(same), drifted, stale),
            cluster::get,
            np -> Labels.ownedBy(np.getMetadata().getLabels(), "shop", "shop"),
            new ServerAnswers());

    assertThat(diff.creates()).containsExactly(create);
    assertThat(diff.updates())
        .extracting(u -> u.desired().getMetadata().getName())
        .containsExactly("shop.c");
    assertThat(diff.deletes())
        .extracting(np -> np.getMetadata().getName())
        .containsExactly("shop.old");
    assertThat(diff.conflicts()).containsExactly(foreign);
  }

  @Test
  void anAppliedPlanIsUpToDateEvenWithEmptyListsAndSortedKeys() {
    NetworkPolicy desired = DesiredPolicies.stamp(planned("shop", "shop.a"), seg);
    NetworkPolicy roundTripped =
        new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
            .unmarshal(
                new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(desired),
                NetworkPolicy.class);

    assertThat(PolicyDiff.upToDate(desired, roundTripped, new ServerAnswers())).isTrue();
  }

  /**
   * A server that stores less than sent (here: no endPort): the stored object never equals the
   * desired one.
   */
  @Test
  void aFieldTheServerDroppedIsNotReappliedButRealDriftIs() {
    NetworkPolicy desired =
        withEndPort(DesiredPolicies.stamp(planned("shop", "shop.a"), seg), 8100);
    NetworkPolicy stored = withEndPort(desired, null);
    ServerAnswers answers = new ServerAnswers();

    assertThat(diff(desired, stored, answers).updates())
        .as("before any write: unknown, so apply once")
        .hasSize(1);
    answers.accepted(desired, stored);
    assertThat(diff(desired, stored, answers).isEmpty())
        .as("the server's answer to this spec")
        .isTrue();

    NetworkPolicy edited =
        new NetworkPolicyBuilder(stored)
            .editSpec()
            .editFirstIngress()
            .editFirstPort()
            .withProtocol("UDP")
            .endPort()
            .endIngress()
            .endSpec()
            .build();
    assertThat(diff(desired, edited, answers).updates()).as("drift from the answer").hasSize(1);

    NetworkPolicy changedSpec = withEndPort(desired, 8200);
    assertThat(diff(changedSpec, stored, answers).updates())
        .as("a new desired spec is applied")
        .hasSize(1);
  }

  @Test
  void aRejectionIsRememberedForThatSpecOnly() {
    NetworkPolicy desired =
        withEndPort(DesiredPolicies.stamp(planned("shop", "shop.a"), seg), 8100);
    ServerAnswers answers = new ServerAnswers();
    answers.rejected(desired, "field not declared in schema");

    assertThat(answers.rejection(desired)).contains("field not declared in schema");
    assertThat(answers.rejection(withEndPort(desired, null))).isEmpty();
    assertThat(answers.storedAs(desired, desired)).isFalse();
    answers.forget(desired);
    assertThat(answers.rejection(desired)).isEmpty();
  }

  private PolicyDiff diff(NetworkPolicy desired, NetworkPolicy actual, ServerAnswers answers) {
    return PolicyDiff.compute(
        List.of(desired),
        List.of(actual),
        id -> actual,
        np -> Labels.ownedBy(np.getMetadata().getLabels(), "shop", "shop"),
        answers);
  }

  private static NetworkPolicy withEndPort(NetworkPolicy np, Integer endPort) {
    return new NetworkPolicyBuilder(np)
        .editSpec()
        .editFirstIngress()
        .editFirstPort()
        .withEndPort(endPort)
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  private static NetworkPolicy withExtraLabel(NetworkPolicy np) {
    return new NetworkPolicyBuilder(np)
        .editMetadata()
        .addToLabels("added-by", "someone")
        .endMetadata()
        .build();
  }
}
