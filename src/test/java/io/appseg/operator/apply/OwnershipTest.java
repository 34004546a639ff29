package io.appseg.operator.apply;

import static io.appseg.operator.apply.TestPolicies.planned;
import static io.appseg.operator.apply.TestPolicies.seg;
import static io.appseg.operator.apply.TestPolicies.stamped;
import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import org.junit.jupiter.api.Test;

/** P4 (docs/design.md): labels alone never make an object ours; the owner UID does. */
class OwnershipTest {
  private final AppSegmentation seg = seg();

  @Test
  void ourStampedObjectsAreOursInEveryNamespace() {
    assertThat(Ownership.owns(seg, stamped("shop", "shop.api"))).isTrue();
    assertThat(Ownership.owns(seg, stamped("web", "shop.api"))).isTrue();
    assertThat(stamped("web", "shop.api").getMetadata().getLabels())
        .containsEntry(Labels.SEGMENTATION_UID, "uid-1");
  }

  @Test
  void ourOwnerLabelsWithoutTheUidAreForeignAndTold() {
    NetworkPolicy spoof = planned("web", "shop.api");
    assertThat(Ownership.owns(seg, spoof)).isFalse();
    assertThat(Ownership.impostor(seg, spoof)).isTrue();
    assertThat(Ownership.owns(seg, withUid(planned("web", "shop.api"), "uid-other"))).isFalse();
  }

  @Test
  void aLostLabelOnOneOfOursIsDriftNotForeign() {
    NetworkPolicy ours = stamped("web", "shop.api");
    ours.getMetadata().getLabels().remove(Labels.SEGMENTATION);
    ours.getMetadata().getLabels().remove(Labels.MANAGED_BY);
    assertThat(Ownership.owns(seg, ours)).isTrue();
    NetworkPolicy refOnly = stamped("shop", "shop.api");
    refOnly.getMetadata().getLabels().clear();
    assertThat(Ownership.owns(seg, refOnly)).as("controller ownerReference").isTrue();
  }

  @Test
  void anOwnerReferenceCountsOnlyInTheOwnNamespace() {
    NetworkPolicy elsewhere = stamped("shop", "shop.api");
    elsewhere.getMetadata().getLabels().remove(Labels.SEGMENTATION_UID);
    elsewhere.getMetadata().setNamespace("web");
    assertThat(Ownership.owns(seg, elsewhere)).isFalse();
  }

  @Test
  void anEarlierVersionsObjectIsAdoptedOnlyWithItsGeneratedNameAndOurFieldManager() {
    NetworkPolicy legacy = writtenBy(planned("web", "shop.api"), Labels.MANAGER);
    assertThat(Ownership.owns(seg, legacy)).isTrue();
    assertThat(Ownership.owns(seg, writtenBy(planned("web", "shop.api"), "kubectl")))
        .as("made by hand")
        .isFalse();
    assertThat(Ownership.owns(seg, writtenBy(planned("web", "shop.other"), Labels.MANAGER)))
        .as("not the name its labels generate")
        .isFalse();
    assertThat(
            Ownership.owns(
                seg, withUid(writtenBy(planned("web", "shop.api"), Labels.MANAGER), "uid-other")))
        .as("another owner's UID")
        .isFalse();
  }

  private static NetworkPolicy withUid(NetworkPolicy np, String uid) {
    return new NetworkPolicyBuilder(np)
        .editMetadata()
        .addToLabels(Labels.SEGMENTATION_UID, uid)
        .endMetadata()
        .build();
  }

  private static NetworkPolicy writtenBy(NetworkPolicy np, String manager) {
    return new NetworkPolicyBuilder(np)
        .editMetadata()
        .addToManagedFields(new ManagedFieldsEntryBuilder().withManager(manager).build())
        .endMetadata()
        .build();
  }
}
